/** Record identities: where a record Runnel writes came from, carried in its Kinesis partition key. */
package dev.runnel.checkpointing.identity;
