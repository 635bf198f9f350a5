package dev.runnel.functions.logging;

import dev.runnel.functions.batch.InputRecord;
import java.util.List;
import org.slf4j.MDC;

/**
 * Puts what an invocation works on into the logging MDC, so that every line logged on the invoking thread carries it,
 * and clears it after. One per handler instance; an instance handles one invocation at a time.
 */
public final class InvocationLog {
  /** MDC key: the job's name. */
  public static final String JOB = "job";
  /** MDC key: the stage id. */
  public static final String STAGE = "stage";
  /** MDC key: the shard of the batch (or of the shard a tick is at). */
  public static final String SHARD = "shard";
  /** MDC key: the sequence number of the batch's first record. */
  public static final String SEQUENCE_FROM = "sequenceFrom";
  /** MDC key: the sequence number of the batch's last record. */
  public static final String SEQUENCE_TO = "sequenceTo";
  /**
   * MDC key: which attempt at the batch this is, from 1: the count kept in the shard's checkpoint in exactly-once
   * stages, otherwise how many times in a row this instance was handed a batch starting at the same record.
   */
  public static final String ATTEMPT = "attempt";
  /** MDC key: the Lambda request id of the invocation. */
  public static final String REQUEST_ID = "requestId";

  private final String job;
  private final String stage;
  private String lastStart;
  private int sameStart;

  /** The log context of the functions of stage {@code stage} of job {@code job}. */
  public InvocationLog(String job, String stage) {
    this.job = job;
    this.stage = stage;
  }

  /** An invocation handling {@code inputs} (possibly none, e.g. a tick) under {@code requestId} (null outside Lambda). */
  public Scope open(List<InputRecord> inputs, String requestId) {
    MDC.put(JOB, job);
    MDC.put(STAGE, stage);
    if (requestId != null) {
      MDC.put(REQUEST_ID, requestId);
    }
    if (!inputs.isEmpty()) {
      InputRecord first = inputs.get(0);
      String start = first.position();
      sameStart = start.equals(lastStart) ? sameStart + 1 : 1;
      lastStart = start;
      MDC.put(SHARD, first.shardId());
      MDC.put(SEQUENCE_FROM, first.sequenceNumber());
      MDC.put(SEQUENCE_TO, inputs.get(inputs.size() - 1).sequenceNumber());
      MDC.put(ATTEMPT, Integer.toString(sameStart));
    }
    return InvocationLog::clear;
  }

  /** Names the shard a tick is at, on the invoking thread. */
  public static void shard(String shardId) {
    MDC.put(SHARD, shardId);
  }

  /** Replaces the attempt number with the one the shard's checkpoint keeps (exactly-once stages). */
  public static void attempt(int attempt) {
    MDC.put(ATTEMPT, Integer.toString(attempt));
  }

  private static void clear() {
    for (String key : List.of(JOB, STAGE, SHARD, SEQUENCE_FROM, SEQUENCE_TO, ATTEMPT, REQUEST_ID)) {
      MDC.remove(key);
    }
  }

  /** Open until closed; closing clears the invocation's keys from the MDC. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
