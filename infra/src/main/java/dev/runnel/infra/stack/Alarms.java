package dev.runnel.infra.stack;

import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The alarms of a job (docs/deployment.md, "Alarms"): per stage its function falling behind (iterator age), errors,
 * dead letters written, throttled requests, a stalled watermark (stages with event time) and failed model calls
 * (stages calling a model); per tick function errors; per table DynamoDB's read and write throttle events; per stream
 * Kinesis's throttled writes; the failed-batches queue's depth. Missing data (an idle job) is healthy. Thresholds of
 * the new alarms are {@link AlarmParameter}s with defaults.
 */
final class Alarms {
  /** Iterator age, in milliseconds, above which a stage is behind. */
  static final double ITERATOR_AGE_MILLIS = 60_000;
  /** Records behind on a Kafka input (Lambda's OffsetLag) that, held as long, mean a stalled stage. */
  static final double OFFSET_LAG_RECORDS = 10_000;
  static final int ITERATOR_AGE_MINUTES = 5;
  /** The period of the alarms counting events over five minutes (dead letters, model failures). */
  static final int FIVE_MINUTES = 300;
  /** The period of the alarms that must breach several minutes in a row (throttles, watermark). */
  static final int ONE_MINUTE = 60;
  private static final String ABOVE = "GreaterThanThreshold";
  private static final String IDLE_IS_HEALTHY = "notBreaching";

  private Alarms() {}

  static List<AlarmResource> of(Plan plan, List<FunctionResource> functions, QueueResource queue,
      List<StreamResource> streams, List<TableResource> tables) {
    List<AlarmResource> alarms = new ArrayList<>();
    for (FunctionResource function : functions) {
      String id = function.logicalId();
      boolean readsTopic = plan.stage(function.stageId()).map(s -> KafkaAccess.readsTopic(plan, s)).orElse(false);
      if (function.kind() == FunctionKind.STAGE && readsTopic) {
        alarms.add(new AlarmResource(id + "OffsetLagAlarm", "Stage " + function.stageId() + " is more than "
            + (long) OFFSET_LAG_RECORDS + " records behind its input topic for " + ITERATOR_AGE_MINUTES + " minutes",
            List.of(AlarmMetric.of("AWS/Lambda", "OffsetLag", "FunctionName", function.functionName())), "Maximum",
            60, AlarmValue.fixed(ITERATOR_AGE_MINUTES), AlarmValue.fixed(OFFSET_LAG_RECORDS), ABOVE,
            IDLE_IS_HEALTHY));
      } else if (function.kind() == FunctionKind.STAGE) {
        alarms.add(new AlarmResource(id + "IteratorAgeAlarm", "Stage " + function.stageId()
            + " is more than a minute behind its input stream for " + ITERATOR_AGE_MINUTES + " minutes",
            List.of(AlarmMetric.of("AWS/Lambda", "IteratorAge", "FunctionName", function.functionName())), "Maximum",
            60, AlarmValue.fixed(ITERATOR_AGE_MINUTES), AlarmValue.fixed(ITERATOR_AGE_MILLIS), ABOVE,
            IDLE_IS_HEALTHY));
      }
      alarms.add(new AlarmResource(id + "ErrorsAlarm", "Function " + function.functionName()
          + " failed an invocation (Lambda retries the batch; see its log)",
          List.of(AlarmMetric.of("AWS/Lambda", "Errors", "FunctionName", function.functionName())), "Sum", 60,
          AlarmValue.fixed(1), AlarmValue.fixed(0), ABOVE, IDLE_IS_HEALTHY));
    }
    alarms.add(new AlarmResource(queue.logicalId() + "DepthAlarm", "A batch was given up: re-read the range the "
        + "message in " + queue.name() + " names before the stream's retention ends",
        List.of(AlarmMetric.of("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", queue.name())),
        "Maximum", 60, AlarmValue.fixed(1), AlarmValue.fixed(0), ABOVE, IDLE_IS_HEALTHY));
    for (StageSpec stage : plan.stages()) {
      alarms.addAll(ofStage(plan, stage));
    }
    for (TableResource table : tables) {
      alarms.add(throttles(table.logicalId() + "ThrottlesAlarm", "Table " + table.name() + " throttled reads or "
          + "writes for ThrottleAlarmMinutes minutes in a row: the stages retry, slow down and fall behind. See "
          + "which key or limit in the table's throttle metrics (docs/deployment.md, Alarms)", List.of(
              AlarmMetric.of("AWS/DynamoDB", "ReadThrottleEvents", "TableName", table.name()),
              AlarmMetric.of("AWS/DynamoDB", "WriteThrottleEvents", "TableName", table.name()))));
    }
    for (StreamResource stream : streams) {
      alarms.add(throttles(stream.logicalId() + "ThrottlesAlarm", "Stream " + stream.name() + " refused writes for "
          + "ThrottleAlarmMinutes minutes in a row: its writers exceed its " + stream.shards() + " shard(s) or write "
          + "to a hot key; add shards to it in the job or spread its keys (docs/deployment.md, Alarms)",
          List.of(AlarmMetric.of("AWS/Kinesis", "WriteProvisionedThroughputExceeded", "StreamName", stream.name()))));
    }
    return alarms;
  }

  private static List<AlarmResource> ofStage(Plan plan, StageSpec stage) {
    String job = plan.job();
    String id = stage.id();
    List<AlarmResource> alarms = new ArrayList<>();
    alarms.add(new AlarmResource(LogicalIds.stageAlarm(id, "DeadLetters"), "Stage " + id + " of job " + job
        + " dead-lettered more records than DeadLetterAlarmThreshold in 5 minutes: read them (runnel dead-letters "
        + "list, or the newest items of table " + job + "-dead-letters: payload, errorType, error), fix the job or "
        + "its input, then replay them", List.of(AlarmMetric.ofStage(RunnelMetrics.DEAD_LETTERED, job, id)), "Sum",
        FIVE_MINUTES, AlarmValue.fixed(1), AlarmValue.of(AlarmParameter.DEAD_LETTERS), ABOVE, IDLE_IS_HEALTHY));
    alarms.add(throttles(LogicalIds.stageAlarm(id, "Throttles"), "Stage " + id + " of job " + job + " had DynamoDB "
        + "or Kinesis requests throttled for ThrottleAlarmMinutes minutes in a row; the table and stream throttle "
        + "alarms say which resource", List.of(AlarmMetric.ofStage(RunnelMetrics.THROTTLED_REQUESTS, job, id))));
    if (stage.time() != null) {
      alarms.add(new AlarmResource(LogicalIds.stageAlarm(id, "WatermarkStalled"), "The watermark of stage " + id
          + " of job " + job + " is more than WatermarkLagAlarmMillis behind the wall clock for "
          + "WatermarkLagAlarmMinutes minutes: windows and timers do not fire. An idle input shard or a stuck "
          + "upstream stage holds it back (docs/time.md)",
          List.of(AlarmMetric.ofStage(RunnelMetrics.WATERMARK_LAG_MILLIS, job, id)), "Maximum", ONE_MINUTE,
          AlarmValue.of(AlarmParameter.WATERMARK_MINUTES), AlarmValue.of(AlarmParameter.WATERMARK_LAG_MILLIS), ABOVE,
          IDLE_IS_HEALTHY));
    }
    if (!StageModels.of(plan, stage).isEmpty()) {
      alarms.add(new AlarmResource(LogicalIds.stageAlarm(id, "ModelFailures"), "Stage " + id + " of job " + job
          + " had more failed model calls than ModelFailureAlarmThreshold in 5 minutes: check the model's key, quota "
          + "and endpoint in the function's log",
          List.of(AlarmMetric.ofStage(RunnelMetrics.MODEL_CALL_FAILURES, job, id)), "Sum", FIVE_MINUTES,
          AlarmValue.fixed(1), AlarmValue.of(AlarmParameter.MODEL_FAILURES), ABOVE, IDLE_IS_HEALTHY));
    }
    return alarms;
  }

  /** An alarm on throttled requests: more than the threshold per minute, for the parameter's minutes in a row. */
  private static AlarmResource throttles(String logicalId, String description, List<AlarmMetric> metrics) {
    return new AlarmResource(logicalId, description, metrics, "Sum", ONE_MINUTE,
        AlarmValue.of(AlarmParameter.THROTTLE_MINUTES), AlarmValue.of(AlarmParameter.THROTTLES), ABOVE,
        IDLE_IS_HEALTHY);
  }
}
