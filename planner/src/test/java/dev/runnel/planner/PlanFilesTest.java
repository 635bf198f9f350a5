package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.plan.PlanJson;
import dev.runnel.planner.jobs.Shop;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFilesTest {
  @Test
  void writesEachPlanWhereTheRuntimeLooks(@TempDir Path classes) throws Exception {
    Path[] written = PlanFiles.write(classes, Shop.class.getName());
    assertThat(written).containsExactly(classes.resolve("runnel/plans/shop.json"));
    assertThat(PlanJson.read(Files.readString(written[0]))).isEqualTo(Planner.plan(Shop.class));
  }

  @Test
  void failsOnAJobThatCannotBePlanned(@TempDir Path classes) {
    assertThatThrownBy(() -> PlanFiles.main(new String[] {classes.toString(), InvalidJobsTest.Cycle.class.getName()}))
        .isInstanceOf(InvalidJobException.class).hasMessageContaining("cycle");
    assertThat(classes.resolve("runnel/plans")).doesNotExist();
  }
}
