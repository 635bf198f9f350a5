package dev.runnel.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.comments.LiveComments;
import dev.runnel.examples.orders.OrderRouting;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import org.junit.jupiter.api.Test;

/** The graph the page draws, laid out from real plans. */
class JobGraphTest {
  @Test
  void liveCommentsIsSourceThenModelStageThenWindowStageWithTheirSinksOneColumnRight() {
    Plan plan = Planner.plan(LiveComments.class);
    JobGraph graph = JobGraph.of(plan);
    String first = plan.stages().get(0).id();
    String second = plan.stages().get(1).id();

    assertThat(graph.nodes()).extracting(JobGraph.Node::id, JobGraph.Node::kind, JobGraph.Node::column)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("comments-in", "source", 0),
            org.assertj.core.groups.Tuple.tuple(first, "stage", 1),
            org.assertj.core.groups.Tuple.tuple("sink:scored-comments", "sink", 2),
            org.assertj.core.groups.Tuple.tuple(second, "stage", 2),
            org.assertj.core.groups.Tuple.tuple("sink:dashboard", "sink", 3),
            org.assertj.core.groups.Tuple.tuple("sink:comments-sentiment-per-minute", "sink", 3));
    assertThat(graph.edges()).contains(new JobGraph.Edge("comments-in", first, null),
        new JobGraph.Edge(first, second, "key: streamId"), new JobGraph.Edge(second, "sink:dashboard", null));
    assertThat(graph.nodes().get(1).detail()).isEqualTo("insight [model] · 2 shards");
    assertThat(graph.nodes().get(3).detail()).startsWith("perMinute [window]");
  }

  @Test
  void noTwoNodesShareAPlaceAndEveryEdgeGoesRight() {
    JobGraph graph = JobGraph.of(Planner.plan(OrderRouting.class));
    assertThat(graph.nodes()).extracting(n -> n.column() + "/" + n.row()).doesNotHaveDuplicates();
    for (JobGraph.Edge edge : graph.edges()) {
      int from = graph.nodes().stream().filter(n -> n.id().equals(edge.from())).findFirst().orElseThrow().column();
      int to = graph.nodes().stream().filter(n -> n.id().equals(edge.to())).findFirst().orElseThrow().column();
      assertThat(to).as(edge.toString()).isGreaterThan(from);
    }
  }
}
