package dev.runnel.infra.sam;

import dev.runnel.planner.Planner;
import dev.runnel.plan.Plan;
import java.util.List;

/** The bundled examples, in the order the top-level template lists them (as examples/pom.xml plans them). */
final class ExampleJobs {
  static final List<String> CLASSES = List.of(
      "dev.runnel.examples.orders.OrderRouting",
      "dev.runnel.examples.clicks.ClickCounts",
      "dev.runnel.examples.pageviews.PageViews",
      "dev.runnel.examples.hotitems.HotItems",
      "dev.runnel.examples.sessions.UserSessions",
      "dev.runnel.examples.comments.LiveComments",
      "dev.runnel.examples.moderation.ListingModeration",
      "dev.runnel.examples.rag.RagIndexer");

  private ExampleJobs() {}

  static List<Plan> plans() {
    return CLASSES.stream().map(Planner::plan).toList();
  }
}
