package dev.runnel.planner;

import dev.runnel.plan.Plan;
import dev.runnel.plan.StreamTransport;
import dev.runnel.plan.StateLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import dev.runnel.plan.ModelSpec;
import java.util.List;
import java.util.Map;

/** Plans a job: reads its annotated class, checks it and cuts it into function stages. */
public final class Planner {

  private Planner() {}

  /**
   * The plan of the job class, every keyed stage not read in parallel lanes keeping its state in the state log
   * (docs/state-log.md). Reads annotations and signatures only; no user code runs.
   *
   * @throws InvalidJobException listing every problem, each naming the class or method and what to change
   */
  public static Plan plan(Class<?> jobClass) {
    return plan(jobClass, StateLayout.LOG);
  }

  /**
   * The plan of the job class with every keyed stage that can (one read one batch per shard at a time, not in parallel
   * lanes) keeping its state in {@code layout}: {@link StateLayout#LOG}, the default, or {@link StateLayout#KEYS},
   * one item per key (docs/exactly-once.md).
   *
   * @throws InvalidJobException listing every problem, each naming the class or method and what to change
   */
  public static Plan plan(Class<?> jobClass, StateLayout layout) {
    return plan(jobClass, layout, false);
  }

  /**
   * As {@link #plan(Class, StateLayout)}, with every repartition stream not read in parallel lanes written as
   * aggregates when {@code aggregated} (docs/aggregation.md). Off by default until the fault harness has proven it
   * across a split behind a producer's shard map, and the tests that compare committed positions with sequence
   * numbers know sub-record positions.
   */
  public static Plan plan(Class<?> jobClass, StateLayout layout, boolean aggregated) {
    JobReader reader = new JobReader(jobClass);
    String jobName = reader.jobName();
    if (jobName == null) {
      throw new InvalidJobException(jobClass, reader.problems());
    }
    long tickSeconds = reader.tickSeconds();
    int maxRecordAttempts = reader.maxRecordAttempts();
    long deadLetterRetentionSeconds = reader.deadLetterRetentionSeconds();
    List<SourceNode> sources = reader.sources();
    Map<String, ModelReader.Declared> models = reader.models();
    List<OperatorNode> operators = reader.operators();
    LinkedHashMap<String, JobNode> nodes = reader.byName(sources, operators);
    List<JobProblem> problems = new ArrayList<>(reader.problems());
    JobWiring wiring = new JobWiring(jobName, nodes, problems);
    Map<String, List<String>> inputOf = wiring.resolveInputs();
    wiring.checkGraph(inputOf);
    if (reader.edges() == StreamTransport.KAFKA) {
      operators.stream().filter(o -> o.broadcast() != null).forEach(o -> problems.add(new JobProblem(o.where(),
          "reads a broadcast input, and its job's edges are Kafka topics: copying a rule to every partition of a"
              + " topic is not built (docs/broadcast.md)",
          "Keep this job's edges on Kinesis (remove edges = Transport.KAFKA); its sources and sinks may still be"
              + " topics.")));
    }
    if (!problems.isEmpty()) {
      throw new InvalidJobException(jobClass, problems);
    }
    List<ModelSpec> modelSpecs = models.values().stream().map(ModelReader.Declared::spec).toList();
    JobGraph graph = new JobGraph(jobName, jobClass, nodes, inputOf, tickSeconds, deadLetterRetentionSeconds,
        reader.edges());
    Plan plan = KeyParallelization.apply(new StageCutter(graph, modelSpecs).plan(), graph, problems);
    if (!problems.isEmpty()) {
      throw new InvalidJobException(jobClass, problems);
    }
    return StreamAggregation.apply(StateLayouts.apply(plan, layout), aggregated)
        .withMaxRecordAttempts(maxRecordAttempts);
  }

  /** Loads the job class by name with this thread's class loader and plans it. */
  public static Plan plan(String jobClassName) {
    try {
      return plan(Class.forName(jobClassName, false, Thread.currentThread().getContextClassLoader()));
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("no job class " + jobClassName + " on the classpath", e);
    }
  }
}
