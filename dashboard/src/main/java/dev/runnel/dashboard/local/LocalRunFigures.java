package dev.runnel.dashboard.local;

import dev.runnel.checkpointing.checkpoint.Checkpoint;
import dev.runnel.checkpointing.progress.ShardProgress;
import dev.runnel.dashboard.DeadLetterView;
import dev.runnel.dashboard.FigureSource;
import dev.runnel.dashboard.JobFigures;
import dev.runnel.dashboard.ModelFigures;
import dev.runnel.dashboard.ShardFigures;
import dev.runnel.dashboard.SinkPreview;
import dev.runnel.dashboard.StageFigures;
import dev.runnel.dashboard.WindowCharts;
import dev.runnel.functions.StageMetrics;
import dev.runnel.inference.InferenceMetrics;
import dev.runnel.localrunner.esm.MappingCounters;
import dev.runnel.localrunner.run.LiveRun;
import dev.runnel.localrunner.run.RunObserver;
import dev.runnel.localrunner.summary.SinkContents;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of a local run: pass it to the run as its {@link RunObserver}, and call {@link #finish()} once the run
 * is over and before its emulators stop; from then on it keeps answering the last figures, marked finished.
 */
public final class LocalRunFigures implements FigureSource, RunObserver {
  /** How many of a sink's records the preview shows. */
  static final int PREVIEW_RECORDS = 5;

  private final Plan plan;
  private final Clock clock;
  private final WindowCharts charts;
  private LiveRun run;
  private JobFigures last;
  private boolean finished;

  /** Figures of a run of {@code plan}, starting before the run does. */
  public LocalRunFigures(Plan plan, Clock clock) {
    this.plan = plan;
    this.clock = clock;
    this.charts = new WindowCharts(plan);
    this.last = JobFigures.starting(plan.job(), clock.millis());
  }

  @Override
  public Plan plan() {
    return plan;
  }

  @Override
  public synchronized void started(LiveRun liveRun) {
    this.run = liveRun;
  }

  /** Reads the figures one last time and keeps them; the run's emulators may stop after this returns. */
  public synchronized void finish() {
    if (!finished && run != null) {
      last = readRun().withStatus("finished");
    }
    finished = true;
    last = last.withStatus("finished");
  }

  @Override
  public synchronized JobFigures read() {
    if (finished || run == null) {
      return last;
    }
    last = readRun();
    return last;
  }

  private JobFigures readRun() {
    List<StageFigures> stages = new ArrayList<>();
    for (StageSpec stage : plan.stages()) {
      stages.add(stage(stage.id()));
    }
    List<DeadLetterView> deadLetters = run.deadLetters().stream().map(d -> new DeadLetterView(d.stage(), d.shard(),
        d.sequenceNumber(), d.errorType(), d.operator(), d.error(), d.payload())).toList();
    List<SinkContents> sinks = run.sinks();
    Map<String, List<String>> recordsBySink = new LinkedHashMap<>();
    List<SinkPreview> previews = new ArrayList<>();
    for (SinkContents sink : sinks) {
      recordsBySink.put(sink.name(), sink.records());
      List<String> records = sink.records();
      previews.add(new SinkPreview(sink.name(), sink.kind().name().toLowerCase(java.util.Locale.ROOT), sink.target(),
          records.size(), records.subList(Math.max(0, records.size() - PREVIEW_RECORDS), records.size())));
    }
    return new JobFigures(plan.job(), "running", clock.millis(), stages, deadLetters, previews,
        charts.charts(recordsBySink));
  }

  private StageFigures stage(String stageId) {
    MappingCounters.Snapshot mapping = run.mapping(stageId);
    StageMetrics metrics = run.metrics(stageId);
    Map<String, Long> watermarks = new LinkedHashMap<>();
    for (ShardProgress published : run.watermarks(stageId)) {
      watermarks.put(published.shardId(), published.watermark());
    }
    List<ShardFigures> shards = new ArrayList<>();
    long lag = 0;
    long pending = 0;
    for (var shard : run.shards(stageId)) {
      Optional<Checkpoint> checkpoint = run.checkpoint(stageId, shard.shardId());
      shards.add(new ShardFigures(shard.shardId(), shard.recordsFetched(), shard.invocations(), shard.millisBehind(),
          shard.pending(), checkpoint.map(Checkpoint::position).orElse(null),
          checkpoint.map(Checkpoint::revision).orElse(0L), watermarks.get(shard.shardId()), shard.lastFailure()));
      lag = Math.max(lag, shard.millisBehind());
      pending += shard.pending();
    }
    Long watermark = watermarks.values().stream().min(Long::compare).orElse(null);
    long written = metrics.recordsOut().values().stream().mapToLong(Long::longValue).sum();
    return new StageFigures(stageId, mapping.invocations(), metrics.recordsIn(), written, metrics.filteredOut(),
        metrics.deadLettered(), mapping.retries(), 0, lag, pending, watermark, run.ticks(stageId), shards,
        models(run.models(stageId)), null);
  }

  private static ModelFigures models(InferenceMetrics metrics) {
    return metrics == null ? null : new ModelFigures(metrics.prompts(), metrics.requests(), metrics.failed(),
        metrics.cacheHits(), metrics.inputTokens(), metrics.outputTokens(), metrics.p50Millis(), metrics.p99Millis());
  }
}
