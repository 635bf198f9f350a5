/**
 * Making a processed batch durable, behind {@link dev.runnel.functions.commit.BatchCommit}: this version writes
 * at least once; an epoch-fenced exactly-once commit plugs in at the same place.
 */
package dev.runnel.functions.commit;
