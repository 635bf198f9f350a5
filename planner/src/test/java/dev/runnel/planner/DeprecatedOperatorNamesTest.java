package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;
import dev.runnel.plan.PlanJson;
import org.junit.jupiter.api.Test;

/** The deprecated {@code @Map} and {@code @Process} still plan, exactly as {@code @MapEach} and {@code @KeyedProcess}. */
class DeprecatedOperatorNamesTest {
  public record Click(String user) {}

  public record Count(String user, long clicks) {}

  @StreamingJob("names")
  public static class OldNames {
    @Source(stream = "names-in") public record In(String user) {}

    @SuppressWarnings("deprecation")
    @dev.runnel.api.Map(from = "names-in") @KeyBy("user")
    public Click click(In in) {
      return new Click(in.user());
    }

    @SuppressWarnings("deprecation")
    @dev.runnel.api.Process(from = "click") @Sink(console = true)
    public Count count(Click click, @State("n") ValueState<Long> n) {
      n.update(n.valueOr(0L) + 1);
      return new Count(click.user(), n.value());
    }
  }

  @StreamingJob("names")
  public static class NewNames {
    @Source(stream = "names-in") public record In(String user) {}

    @MapEach(from = "names-in") @KeyBy("user")
    public Click click(In in) {
      return new Click(in.user());
    }

    @KeyedProcess(from = "click") @Sink(console = true)
    public Count count(Click click, @State("n") ValueState<Long> n) {
      n.update(n.valueOr(0L) + 1);
      return new Count(click.user(), n.value());
    }
  }

  @Test
  void theOldNamesPlanAsTheNewOnes() throws Exception {
    String old = PlanJson.write(Planner.plan(OldNames.class)).replace("OldNames", "X");
    String renamed = PlanJson.write(Planner.plan(NewNames.class)).replace("NewNames", "X");
    assertThat(old).isEqualTo(renamed);
  }
}
