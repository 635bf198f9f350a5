/**
 * Window joins (docs/joins.md): the records of both inputs arrive tagged by side on one stream
 * ({@link dev.runnel.functions.joins.JoinInputDecoder}), are kept per key and window by a window operator, and are
 * paired when the window fires ({@link dev.runnel.functions.joins.JoinFiring}).
 */
package dev.runnel.functions.joins;
