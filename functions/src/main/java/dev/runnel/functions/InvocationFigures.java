package dev.runnel.functions;

import dev.runnel.functions.metrics.InvocationCost;
import dev.runnel.functions.metrics.MetricDocument;
import dev.runnel.functions.metrics.MetricDocument.MetricValue;
import dev.runnel.functions.requests.RequestBreakdown;
import dev.runnel.functions.requests.RequestTotals;
import dev.runnel.inference.InferenceMetrics;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one invocation of a stage function did, as the CloudWatch metrics in namespace {@value #NAMESPACE} name it,
 * with dimensions {@code Job} and {@code Stage} (not the shard: one metric per shard would multiply the metrics billed
 * and the dashboard's lines by the shard count, and shards come and go with resharding).
 *
 * @param job            the job's name
 * @param stage          the stage id
 * @param counters       the handler's counters during the invocation (requests: those its clients sent meanwhile)
 * @param throttled      attempts the services throttled meanwhile, plus PutRecords entries resent
 * @param models         the stage's model counters during the invocation; latency as the instance's median so far
 * @param durationMillis how long the invocation took
 * @param watermarkLag   wall clock minus the stage's watermark after it, in milliseconds; -1 when it has none
 * @param eventTimeLag   wall clock minus the event time of the last record it processed; -1 when none had one
 * @param costUsd        the invocation's cost estimate ({@link InvocationCost})
 */
public record InvocationFigures(String job, String stage, StageMetrics counters, long throttled,
    InferenceMetrics models, double durationMillis, long watermarkLag, long eventTimeLag, double costUsd) {
  /** The CloudWatch namespace of Runnel's metrics. */
  public static final String NAMESPACE = "Runnel";

  public InvocationFigures {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(counters, "counters");
    Objects.requireNonNull(models, "models");
  }

  /**
   * The figures of an invocation of {@code stage} of {@code plan} that changed the handler's counters by
   * {@code counters} and the model counters by {@code models}, at {@code memoryMb} of function memory.
   */
  public static InvocationFigures of(Plan plan, StageSpec stage, StageMetrics counters, long throttled,
      InferenceMetrics models, double durationMillis, long watermarkLag, long eventTimeLag, int memoryMb) {
    RequestTotals all = counters.requests().total();
    long streamRecords = 0;
    for (OutputSpec output : stage.outputs()) {
      if (output.kind() == OutputKind.REPARTITION || output.kind() == OutputKind.STREAM) {
        streamRecords += counters.recordsOut(output.name());
      }
    }
    // the PUT payload units the counted clients sent (aggregates, markers); by records when nothing counted them
    long payloadUnits = counters.requests().payloadUnits();
    double cost = InvocationCost.usd(durationMillis, memoryMb, all.readUnits(), all.writeUnits(),
        payloadUnits > 0 ? payloadUnits : streamRecords);
    return new InvocationFigures(plan.job(), stage.id(), counters, throttled + counters.putRecordsEntriesRetried(),
        models, durationMillis, watermarkLag, eventTimeLag, cost);
  }

  /**
   * The metrics, by name: records in, written, filtered, dead-lettered and skipped, the batch's duration, lags, the
   * requests and capacity units of keyed state, the state log and checkpoints, PutRecords, throttling, model use and
   * the cost. Request figures come from the clients' counts, or from the protocol's own when nothing counted them.
   */
  public List<MetricValue> values(Plan plan) {
    List<MetricValue> values = new ArrayList<>();
    count(values, "Invocations", 1);
    count(values, "RecordsIn", counters.recordsIn());
    count(values, "RecordsWritten", counters.totalOut());
    count(values, "RecordsFiltered", counters.filteredOut());
    count(values, "DeadLettered", counters.deadLettered());
    count(values, "RecordsSkipped", counters.skipped());
    count(values, "RecordsFired", counters.fired());
    values.add(new MetricValue("BatchDurationMillis", "Milliseconds", durationMillis));
    if (watermarkLag >= 0) {
      values.add(new MetricValue("WatermarkLagMillis", "Milliseconds", watermarkLag));
    }
    if (eventTimeLag >= 0) {
      values.add(new MetricValue("EventTimeLagMillis", "Milliseconds", eventTimeLag));
    }
    boolean counted = !counters.requests().operations().isEmpty();
    RequestBreakdown bill = RequestBreakdown.of(plan, counters.requests());
    count(values, "StateRequests", counted ? bill.state().requests() : counters.stateRequests());
    units(values, "StateCapacityUnits", counted ? units(bill.state()) : counters.stateWriteUnits());
    count(values, "StateLogRequests", bill.stateLog().requests());
    units(values, "StateLogCapacityUnits", units(bill.stateLog()));
    count(values, "CheckpointRequests", counted ? bill.checkpoint().requests() : counters.checkpointRequests());
    units(values, "CheckpointCapacityUnits", units(bill.checkpoint()));
    count(values, "PutRecordsRequests", counted ? bill.putRecords() : counters.putRecordsCalls());
    count(values, "ThrottledRequests", throttled);
    count(values, "ModelCalls", models.requests());
    count(values, "ModelCallFailures", models.failed());
    count(values, "ModelInputTokens", models.inputTokens());
    count(values, "ModelOutputTokens", models.outputTokens());
    if (models.requests() > 0) {
      values.add(new MetricValue("ModelLatencyP50Millis", "Milliseconds", models.p50Millis()));
    }
    values.add(new MetricValue("EstimatedCostUsd", "None", costUsd));
    return values;
  }

  /** The model counters of the calls between two snapshots; latency as the later one's (the instance's so far). */
  public static InferenceMetrics between(InferenceMetrics before, InferenceMetrics after) {
    return new InferenceMetrics(after.requests() - before.requests(), after.prompts() - before.prompts(),
        after.retries() - before.retries(), after.failed() - before.failed(), after.cacheHits() - before.cacheHits(),
        after.inputTokens() - before.inputTokens(), after.outputTokens() - before.outputTokens(), after.p50Millis(),
        after.p99Millis());
  }

  /** The Embedded Metric Format document of these figures, measured at {@code timestamp}. */
  public MetricDocument document(Plan plan, Instant timestamp) {
    Map<String, String> dimensions = new LinkedHashMap<>();
    dimensions.put("Job", job);
    dimensions.put("Stage", stage);
    return new MetricDocument(NAMESPACE, dimensions, List.of(List.of("Job", "Stage")), values(plan), timestamp);
  }

  private static double units(RequestTotals totals) {
    return totals.readUnits() + totals.writeUnits();
  }

  private static void count(List<MetricValue> values, String name, long count) {
    values.add(new MetricValue(name, "Count", count));
  }

  private static void units(List<MetricValue> values, String name, double units) {
    values.add(new MetricValue(name, "Count", units));
  }
}
