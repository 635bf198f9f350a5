package dev.runnel.planner;

import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.TableRole;
import dev.runnel.plan.TableSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts each keyed stage of an exactly-once plan in its state layout (docs/state-log.md): the asked one, except for a
 * stage read in parallel lanes, which keeps the per-key layout; and adds the {@code <job>-state-log} table, after the
 * checkpoints, when some stage keeps its state there.
 */
final class StateLayouts {
  private StateLayouts() {}

  /** The plan with its keyed stages in {@code layout} where they can be, and the state-log table if used. */
  static Plan apply(Plan plan, StateLayout layout) {
    if (layout == StateLayout.KEYS || plan.tables(TableRole.CHECKPOINT).isEmpty()) {
      return plan; // the per-key layout is what a plan without the field means; no checkpoints, no keyed state
    }
    List<StageSpec> stages = plan.stages().stream().map(stage -> stage.keyed()
        && stage.batching().parallelizationFactor() == 1 ? stage.withStateLayout(layout) : stage).toList();
    if (stages.stream().noneMatch(stage -> stage.layout() == StateLayout.LOG)) {
      return plan.withStages(stages);
    }
    String name = ResourceNames.stateLogTable(plan.job());
    List<TableSpec> tables = new ArrayList<>();
    for (TableSpec table : plan.tables()) {
      tables.add(table);
      if (table.role() == TableRole.CHECKPOINT) {
        tables.add(new TableSpec(name, TableRole.STATE_LOG, "pk", "sk"));
      }
    }
    return plan.withStages(stages).withTables(tables);
  }
}
