package dev.runnel.deploytests.support;

import dev.runnel.examples.clicks.ClickCounts;
import dev.runnel.examples.comments.LiveComments;
import dev.runnel.examples.hotitems.HotItems;
import dev.runnel.examples.moderation.ListingModeration;
import dev.runnel.examples.orders.OrderRouting;
import dev.runnel.examples.pageviews.PageViews;
import dev.runnel.examples.rag.RagIndexer;
import dev.runnel.examples.sessions.UserSessions;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.planner.Planner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The plans of the bundled example jobs, to find the stage a deployed function runs and what it may touch. */
public final class ExamplePlans {
  private static final List<Class<?>> JOBS = List.of(OrderRouting.class, ClickCounts.class, PageViews.class,
      HotItems.class, UserSessions.class, LiveComments.class, ListingModeration.class, RagIndexer.class);
  private static Map<String, Plan> byStage;

  private ExamplePlans() {}

  /** The plan that has a stage with this id. */
  public static synchronized Optional<Plan> ofStage(String stageId) {
    if (byStage == null) {
      byStage = new LinkedHashMap<>();
      for (Class<?> job : JOBS) {
        Plan plan = Planner.plan(job);
        plan.stages().forEach(stage -> byStage.put(stage.id(), plan));
      }
    }
    return Optional.ofNullable(byStage.get(stageId));
  }

  /** The stage with this id. */
  public static StageSpec stage(String stageId) {
    return ofStage(stageId).orElseThrow(() -> new AssertionError("no example job has a stage " + stageId))
        .stages().stream().filter(s -> s.id().equals(stageId)).findFirst().orElseThrow();
  }
}
