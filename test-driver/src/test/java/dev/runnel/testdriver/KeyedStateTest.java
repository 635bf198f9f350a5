package dev.runnel.testdriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.plan.StateLayout;
import dev.runnel.testdriver.jobs.ClickTotals;
import dev.runnel.testdriver.jobs.ClickTotals.Click;
import dev.runnel.testdriver.jobs.ClickTotals.Totals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keyed value and map state in the driver, in both layouts: each key's committed state and the sinks' outputs equal
 * the totals computed here, each key's outputs one per click in order of its count; a table sink holds each key's
 * last output.
 */
class KeyedStateTest {

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void stateAndOutputsFollowTheReference(StateLayout layout) {
    JobTestDriver driver = JobTestDriver.builder(ClickTotals.class).stateLayout(layout).build();
    Random random = new Random(7);
    List<Click> clicks = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      clicks.add(new Click("u" + random.nextInt(6), "/p" + random.nextInt(5)));
    }
    driver.pipe("clicks-in", clicks.subList(0, 50));
    driver.pipe("clicks-in", clicks.subList(50, 120));

    Map<String, Long> totals = new TreeMap<>();
    Map<String, Map<String, Long>> pages = new TreeMap<>();
    Map<String, List<Totals>> outputs = new TreeMap<>();
    for (Click click : clicks) {
      long total = totals.merge(click.user(), 1L, Long::sum);
      Map<String, Long> own = pages.computeIfAbsent(click.user(), u -> new TreeMap<>());
      own.merge(click.page(), 1L, Long::sum);
      outputs.computeIfAbsent(click.user(), u -> new ArrayList<>()).add(new Totals(click.user(), total, own.size()));
    }
    totals.forEach((user, total) -> {
      assertThat(driver.state("count", "clicks", user, Long.class)).contains(total);
      assertThat(driver.state("count", "pages", user, Map.class)).contains(pages.get(user));
      // a key's clicks come through both source shards, so only their count is in input order
      List<Totals> own = driver.output("totals", Totals.class).stream().filter(t -> t.user().equals(user)).toList();
      assertThat(own).extracting(Totals::clicks).containsExactlyElementsOf(
          outputs.get(user).stream().map(Totals::clicks).toList());
      assertThat(own.get(own.size() - 1)).isEqualTo(outputs.get(user).get(outputs.get(user).size() - 1));
    });
    assertThat(driver.state("count", "clicks", "nobody", Long.class)).isEmpty();
    assertThat(driver.output("user-totals", Totals.class)).as("every item written, in emission order")
        .containsExactlyElementsOf(driver.output("totals", Totals.class));
    assertThat(driver.table("user-totals", Totals.class)).containsExactlyInAnyOrderElementsOf(
        outputs.values().stream().map(list -> list.get(list.size() - 1)).toList());
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void unknownNamesSayWhatTheJobHas(StateLayout layout) {
    JobTestDriver driver = JobTestDriver.builder(ClickTotals.class).stateLayout(layout).build();
    assertThatThrownBy(() -> driver.state("count", "total", "u1", Long.class))
        .hasMessageContaining("no state 'total' of operator 'count'").hasMessageContaining("count/clicks");
    assertThatThrownBy(() -> driver.output("totalz", Totals.class))
        .hasMessageContaining("no sink named 'totalz'").hasMessageContaining("totals");
    assertThatThrownBy(() -> driver.pipe("clicks", new Click("u", "/")))
        .hasMessageContaining("no source 'clicks'").hasMessageContaining("clicks-in");
    assertThatThrownBy(() -> driver.advanceWatermark(java.time.Instant.EPOCH))
        .hasMessageContaining("reads no source with event time");
    driver.pipe("clicks-in", new Click("u", "/")).endInput();
    assertThat(driver.output("totals", Totals.class)).containsExactly(new Totals("u", 1, 1));
  }
}
