package dev.runnel.dashboard;

/**
 * A dead letter as the dashboard lists it.
 *
 * @param stage          the stage that could not process the record
 * @param shard          the shard it was read from
 * @param sequenceNumber its position in the shard
 * @param errorType      decode, operator, key, encode, oversize or input
 * @param operator       the operator, codec or output that failed, or null
 * @param error          the message, naming job, stage, shard, position and cause
 * @param payload        the record's bytes as text
 */
public record DeadLetterView(String stage, String shard, String sequenceNumber, String errorType, String operator,
    String error, String payload) {}
