package dev.runnel.planner;

import dev.runnel.api.KeyBy;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StreamRole;
import dev.runnel.plan.StreamSpec;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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
    Set<String> joined = refuseJoinInputs(plan, graph, problems);
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
      if (factor == 1 || joined.contains(node.name())) {
        stages.add(stage);
      } else if (allowed(plan, stage, node, factor, problems)) {
        stages.add(stage.withBatching(stage.batching().withParallelizationFactor(factor)));
      } else {
        stages.add(stage);
      }
    }
    return plan.withStages(stages);
  }

  /**
   * Refuses {@code @KeyBy(parallelization > 1)} on a join's input: the join stage reads one batch per shard at a time
   * (it has event time), so the lanes would silently not exist. Returns the names of the inputs refused.
   */
  private static Set<String> refuseJoinInputs(Plan plan, JobGraph graph, List<JobProblem> problems) {
    Set<String> refused = new LinkedHashSet<>();
    for (JobNode node : graph.nodes().values()) {
      if (!node.keyed() || graph.joinsReading(node.name()).isEmpty()) {
        continue;
      }
      int factor = declared(graph, node);
      if (factor != 1 && refused.add(node.name())) {
        String joins = graph.joinsReading(node.name()).stream().map(j -> "'" + j.name() + "'")
            .collect(Collectors.joining(", "));
        problems.add(new JobProblem(node.where(), "@KeyBy(parallelization = " + factor + ") of job '" + plan.job()
            + "' on '" + node.name() + "', which join " + joins + " reads: a join follows event time, and its "
            + "stage reads one batch per shard at a time (a watermark marker would reach one lane only), so the "
            + "lanes would not exist",
            "Remove parallelization from '" + node.name() + "' (or set it to 1); for more throughput give the "
                + "key-by more shards (@KeyBy(shards)), on both inputs of the join alike."));
      }
    }
    return refused;
  }

  private static boolean allowed(Plan plan, StageSpec stage, JobNode node, int factor, List<JobProblem> problems) {
    String where = node.where();
    String which = "@KeyBy(parallelization = " + factor + ") of job '" + plan.job() + "' (stage " + stage.id() + ")";
    if (factor < 1 || factor > MAX) {
      problems.add(new JobProblem(where, which + " is out of range",
          "Use 1 to " + MAX + ": Lambda runs at most " + MAX + " concurrent batches per shard."));
      return false;
    }
    if (plan.stream(stage.input().stream()).map(StreamSpec::kafka).orElse(false)) {
      problems.add(new JobProblem(where, which + " reads the Kafka topic '" + stage.input().stream() + "': Lambda's"
          + " Kafka event source mapping reads each partition one batch at a time and has no ParallelizationFactor",
          "Remove parallelization (or set it to 1), and add partitions to the key-by instead (@KeyBy(shards))."));
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
