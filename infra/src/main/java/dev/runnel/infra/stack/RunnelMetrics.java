package dev.runnel.infra.stack;

/**
 * The metrics Runnel's stage functions publish in CloudWatch Embedded Metric Format, which the alarms and dashboards
 * read. The function side (functions/.../metrics) must emit exactly these names, in namespace {@link #NAMESPACE}, with
 * the dimension set ({@link #JOB}, {@link #STAGE}): an alarm matches a metric only by its exact name and dimensions.
 */
public final class RunnelMetrics {
  /** The namespace of Runnel's own metrics. */
  public static final String NAMESPACE = "Runnel";
  /** The dimension holding the job's name. */
  public static final String JOB = "Job";
  /** The dimension holding the stage id. */
  public static final String STAGE = "Stage";

  /** Invocations of a stage's function, batches and ticks (Count: 1 per document). */
  public static final String INVOCATIONS = "Invocations";
  /** Records a stage read from its input, per invocation (Count). */
  public static final String RECORDS_IN = "RecordsIn";
  /** Records a stage wrote to its outputs (streams and tables), per invocation (Count). */
  public static final String RECORDS_WRITTEN = "RecordsWritten";
  /** Records a stage's filters dropped (Count). */
  public static final String RECORDS_FILTERED = "RecordsFiltered";
  /** Records a stage wrote to the job's dead-letter table (Count). */
  public static final String DEAD_LETTERED = "DeadLettered";
  /** How far a stage's watermark is behind the wall clock, in milliseconds (stages with event time). */
  public static final String WATERMARK_LAG_MILLIS = "WatermarkLagMillis";
  /** Model requests a stage made (Count; stages calling a model); read by {@code runnel status}. */
  public static final String MODEL_CALLS = "ModelCalls";
  /** Model calls that failed (Count; stages calling a model). */
  public static final String MODEL_CALL_FAILURES = "ModelCallFailures";
  /** Prompt tokens a stage's model provider reported (Count). */
  public static final String MODEL_INPUT_TOKENS = "ModelInputTokens";
  /** Answer tokens a stage's model provider reported (Count). */
  public static final String MODEL_OUTPUT_TOKENS = "ModelOutputTokens";
  /** DynamoDB and Kinesis requests of a stage that were throttled (Count). */
  public static final String THROTTLED_REQUESTS = "ThrottledRequests";
  /** The estimated cost of a stage's invocation in US dollars (None). */
  public static final String COST_ESTIMATE_USD = "EstimatedCostUsd";

  private RunnelMetrics() {}
}
