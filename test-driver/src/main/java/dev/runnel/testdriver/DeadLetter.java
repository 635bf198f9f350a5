package dev.runnel.testdriver;

/**
 * A record a stage could not process, as its dead-letter item holds it.
 *
 * @param stage          the stage
 * @param shard          the shard it was read from
 * @param sequenceNumber its position in the shard
 * @param errorType      what failed, e.g. decode, operator, key, encode, event_time, late or model
 * @param operator       the operator, codec or output that failed, or null
 * @param error          the message, naming job, stage, shard, position and cause
 * @param payload        the record's bytes as UTF-8 text
 */
public record DeadLetter(String stage, String shard, String sequenceNumber, String errorType, String operator,
    String error, String payload) {}
