package dev.runnel.operations.figures;

import dev.runnel.dashboard.DeadLetterView;
import dev.runnel.dashboard.FigureSource;
import dev.runnel.dashboard.JobFigures;
import dev.runnel.dashboard.ModelFigures;
import dev.runnel.dashboard.ShardFigures;
import dev.runnel.dashboard.StageFigures;
import dev.runnel.infra.stack.RunnelMetrics;
import dev.runnel.operations.deadletters.DeadLetterEntry;
import dev.runnel.operations.deadletters.DeadLetterTable;
import dev.runnel.operations.status.JobStatus;
import dev.runnel.operations.status.ShardStatus;
import dev.runnel.operations.status.StageStatus;
import dev.runnel.operations.status.StatusReader;
import dev.runnel.operations.target.JobMetrics;
import dev.runnel.operations.target.JobTarget;
import dev.runnel.plan.OperatorKind;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's figures of a job read from where it runs, a deployed stack above all: per stage and shard what
 * {@code runnel status} reads (committed position, watermark, {@code MillisBehindLatest}, the arrival age of the
 * oldest unread record as the stage's lag), the dead letters with their payloads, and per stage the sums of the
 * {@code Runnel} metrics its functions published (invocations, records in, written, filtered, model calls and tokens,
 * estimated cost), all in one {@code ListMetrics} and one {@code GetMetricData} per read. Figures a deployed job does
 * not keep (records fetched per shard, pending records, retries, ticks) are 0; the cost and model figures are absent
 * when the target has no metrics. Sinks are not previewed.
 */
public final class DeployedJobFigures implements FigureSource {
  private static final Logger LOG = LoggerFactory.getLogger(DeployedJobFigures.class);
  /** The most dead letters shown, the oldest positions first. */
  static final int DEAD_LETTERS_SHOWN = 50;
  private static final List<String> METRICS = List.of(RunnelMetrics.INVOCATIONS, RunnelMetrics.RECORDS_IN,
      RunnelMetrics.RECORDS_WRITTEN, RunnelMetrics.RECORDS_FILTERED, RunnelMetrics.MODEL_CALLS,
      RunnelMetrics.MODEL_CALL_FAILURES, RunnelMetrics.MODEL_INPUT_TOKENS, RunnelMetrics.MODEL_OUTPUT_TOKENS,
      RunnelMetrics.COST_ESTIMATE_USD);

  private final JobTarget target;
  private final Clock clock;
  private boolean warned;

  /** Figures of {@code target}'s job; the caller closes the target after the dashboard. */
  public DeployedJobFigures(JobTarget target, Clock clock) {
    this.target = target;
    this.clock = clock;
  }

  @Override
  public Plan plan() {
    return target.plan();
  }

  @Override
  public JobFigures read() {
    JobStatus status = new StatusReader(target, clock).read();
    Map<String, Map<String, Double>> sums = sums();
    List<StageFigures> stages = new ArrayList<>();
    for (StageStatus stage : status.stages()) {
      stages.add(stage(stage, sums));
    }
    List<DeadLetterView> deadLetters = DeadLetterTable.of(target).list(null).stream().limit(DEAD_LETTERS_SHOWN)
        .map(DeployedJobFigures::view).toList();
    return new JobFigures(status.job(), "deployed", clock.millis(), stages, deadLetters, List.of(), List.of());
  }

  /** The metric sums by name and stage; null when the target has none or they cannot be read (logged once). */
  private Map<String, Map<String, Double>> sums() {
    JobMetrics metrics = target.metrics().orElse(null);
    if (metrics == null) {
      return null;
    }
    try {
      return metrics.sumsPerStage(METRICS);
    } catch (RuntimeException e) {
      if (warned) {
        return null;
      }
      warned = true;
      LOG.warn("the metrics of job {} cannot be read ({}); the dashboard shows no counts, model calls or cost until "
          + "they can: your credentials need cloudwatch:ListMetrics and GetMetricData", target.plan().job(),
          e.toString());
      return null;
    }
  }

  private StageFigures stage(StageStatus stage, Map<String, Map<String, Double>> sums) {
    List<ShardFigures> shards = new ArrayList<>();
    long lag = 0;
    Long watermark = null;
    for (ShardStatus shard : stage.shards()) {
      shards.add(new ShardFigures(shard.shard(), 0, 0, shard.behindTipMillis() == null ? 0 : shard.behindTipMillis(),
          0, shard.committed(), 0, shard.watermark(), shard.note()));
      if (shard.oldestUnreadAgeMillis() != null) {
        lag = Math.max(lag, shard.oldestUnreadAgeMillis());
      }
      if (shard.watermark() != null && !shard.closed()) {
        watermark = watermark == null ? shard.watermark() : Math.min(watermark, shard.watermark());
      }
    }
    String id = stage.stage();
    StageSpec spec = target.plan().stage(id).orElseThrow();
    boolean callsModels = spec.operators().stream().anyMatch(o -> o.kind() == OperatorKind.INFERENCE);
    ModelFigures models = callsModels && sums != null ? new ModelFigures(count(sums, RunnelMetrics.MODEL_CALLS, id),
        count(sums, RunnelMetrics.MODEL_CALLS, id), count(sums, RunnelMetrics.MODEL_CALL_FAILURES, id), 0,
        count(sums, RunnelMetrics.MODEL_INPUT_TOKENS, id), count(sums, RunnelMetrics.MODEL_OUTPUT_TOKENS, id), 0, 0)
        : null;
    Double cost = sums == null ? null : sums.get(RunnelMetrics.COST_ESTIMATE_USD).get(id);
    return new StageFigures(id, count(sums, RunnelMetrics.INVOCATIONS, id), count(sums, RunnelMetrics.RECORDS_IN, id),
        count(sums, RunnelMetrics.RECORDS_WRITTEN, id), count(sums, RunnelMetrics.RECORDS_FILTERED, id),
        stage.deadLetters(), 0, 0, lag, 0, watermark, 0, shards, models, cost);
  }

  private static long count(Map<String, Map<String, Double>> sums, String metric, String stage) {
    return sums == null ? 0 : Math.round(sums.get(metric).getOrDefault(stage, 0.0));
  }

  private static DeadLetterView view(DeadLetterEntry entry) {
    return new DeadLetterView(entry.id().stage(), entry.id().shard(), entry.id().position(), entry.errorType(),
        entry.operator(), entry.error(), entry.payload() == null ? "" : new String(entry.payload(), StandardCharsets.UTF_8));
  }
}
