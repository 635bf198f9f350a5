package dev.runnel.planner;

import dev.runnel.plan.Plan;
import dev.runnel.plan.StreamRole;
import dev.runnel.plan.StreamSpec;
import java.util.List;

/**
 * Marks the repartition streams whose records are written as aggregates (docs/aggregation.md): every one, except a
 * stream read in parallel lanes, whose order per partition key an aggregate's single key would lose. Sources and sinks
 * stay plain: producers and readers outside the job use them.
 */
final class StreamAggregation {
  private StreamAggregation() {}

  /** The plan with its repartition streams aggregated where they can be, or all plain when {@code on} is false. */
  static Plan apply(Plan plan, boolean on) {
    if (!on) {
      return plan;
    }
    // a stream carrying broadcast copies stays plain: each copy is routed to its own shard and written in order
    java.util.Set<String> broadcastTargets = new java.util.HashSet<>();
    plan.stages().forEach(stage -> stage.outputs().stream()
        .filter(o -> o.kind() == dev.runnel.plan.OutputKind.BROADCAST).forEach(o -> broadcastTargets.add(o.target())));
    List<StreamSpec> streams = plan.streams().stream().map(stream -> stream.role() == StreamRole.REPARTITION
        && !stream.kafka() && !plan.readInLanes(stream.name()) && !broadcastTargets.contains(stream.name())
        ? stream.aggregated(true) : stream).toList();
    return new Plan(plan.format(), plan.job(), plan.jobClass(), streams, plan.tables(), plan.stages(), plan.models(),
        plan.maxRecordAttempts());
  }
}
