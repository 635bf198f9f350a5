package dev.runnel.planner;

import dev.runnel.api.KeyBy;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StreamRole;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets each keyed stage's ParallelizationFactor from its {@code @KeyBy(parallelization)}, and refuses what parallel
 * lanes cannot run exactly once (docs/exactly-once.md, "Parallel lanes").
 */
final class KeyParallelization {
  /** Lambda's largest ParallelizationFactor. */
  static final int MAX = 10;

  private KeyParallelization() {}

  /** The plan with the parallelization of every keyed stage; a mistake adds a problem and leaves the stage at 1. */
  static Plan apply(Plan plan, JobGraph graph, List<JobProblem> problems) {
    List<StageSpec> stages = new ArrayList<>();
    for (StageSpec stage : plan.stages()) {
      if (dev.runnel.plan.BroadcastSpec.TAGGED_RECORDS.equals(stage.input().type())) {
        refuseLanes(stage, graph, problems);
        stages.add(stage);
        continue;
      }
      JobNode node = graph.nodes().get(stage.input().node());
      boolean readsRepartition = plan.stream(stage.input().stream())
          .map(s -> s.role() == StreamRole.REPARTITION).orElse(false);
      int factor = !readsRepartition || node == null || !node.keyed() ? 1 : declared(graph, node);
      if (factor == 1) {
        stages.add(stage);
      } else if (allowed(plan, stage, node, factor, problems)) {
        stages.add(stage.withBatching(stage.batching().withParallelizationFactor(factor)));
      } else {
        stages.add(stage);
      }
    }
    return plan.withStages(stages);
  }

  private static boolean allowed(Plan plan, StageSpec stage, JobNode node, int factor, List<JobProblem> problems) {
    String where = node.where();
    String which = "@KeyBy(parallelization = " + factor + ") of job '" + plan.job() + "' (stage " + stage.id() + ")";
    if (factor < 1 || factor > MAX) {
      problems.add(new JobProblem(where, which + " is out of range",
          "Use 1 to " + MAX + ": Lambda runs at most " + MAX + " concurrent batches per shard."));
      return false;
    }
    if (stage.time() != null) {
      problems.add(new JobProblem(where, which + " is in a job with event time, windows or timers: watermarks travel "
          + "in-band behind the records they cover, and with parallel lanes a marker reaches one lane only, so it "
          + "could pass records still waiting in another lane and make them late",
          "Remove parallelization (or set it to 1), or add shards to the key-by instead (@KeyBy(shards))."));
      return false;
    }
    List<String> streams = stage.outputs().stream()
        .filter(o -> o.kind() == OutputKind.REPARTITION || o.kind() == OutputKind.STREAM)
        .map(OutputSpec::name).toList();
    if (!streams.isEmpty()) {
      problems.add(new JobProblem(where, which + " writes to streams " + streams + ": lanes of a shard commit out "
          + "of order, so the stage has no committed position to send with its records, and the readers' dedup "
          + "memory (a downstream stage's keys, or the sink reader) would grow without bound",
          "Write this stage's results to tables or the console only, or remove parallelization (or set it to 1) "
              + "and add shards to the key-by instead (@KeyBy(shards))."));
      return false;
    }
    return true;
  }

  /**
   * A broadcast operator's stage is never read in lanes: a broadcast record's copy on a shard would reach one lane
   * only (docs/broadcast.md). Its keyed input asking for lanes is a problem.
   */
  private static void refuseLanes(StageSpec stage, JobGraph graph, List<JobProblem> problems) {
    String operator = stage.operators().get(0).name();
    JobNode keyedInput = graph.nodes().get(graph.inputOf().get(operator).get(0));
    int factor = declared(graph, keyedInput);
    if (factor != 1) {
      problems.add(new JobProblem(keyedInput.where(), "@KeyBy(parallelization = " + factor + ") feeds '" + operator
              + "', which reads a broadcast input: a broadcast record reaches each shard once, so it would reach one"
              + " parallel lane only",
          "Remove parallelization (or set it to 1), or add shards to the key-by instead (@KeyBy(shards))."));
    }
  }

  /** The {@code parallelization} of the node's {@code @KeyBy}: on its source record type, or on its method. */
  private static int declared(JobGraph graph, JobNode node) {
    KeyBy keyBy = null;
    if (node instanceof SourceNode source) {
      keyBy = source.type().getAnnotation(KeyBy.class);
    } else {
      for (Method method : graph.jobClass().getDeclaredMethods()) {
        if (method.getName().equals(node.name()) && method.isAnnotationPresent(KeyBy.class)) {
          keyBy = method.getAnnotation(KeyBy.class);
        }
      }
    }
    return keyBy == null ? 1 : keyBy.parallelization();
  }
}
