package dev.runnel.infra.stack;

import dev.runnel.plan.ModelSpec;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import java.util.List;

/** The models a stage's inference operators call, in operator order, each once. */
final class StageModels {
  private StageModels() {}

  static List<ModelSpec> of(Plan plan, StageSpec stage) {
    return stage.operators().stream().map(OperatorSpec::inference).filter(i -> i != null)
        .map(i -> plan.model(i.model()).orElseThrow(() -> new IllegalArgumentException(
            "stage " + stage.id() + " calls model " + i.model() + ", which the plan lacks")))
        .distinct().toList();
  }
}
