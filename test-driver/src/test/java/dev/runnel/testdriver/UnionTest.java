package dev.runnel.testdriver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.plan.StateLayout;
import dev.runnel.testdriver.jobs.ClickUnion;
import dev.runnel.testdriver.jobs.ClickUnion.Click;
import dev.runnel.testdriver.jobs.ClickUnion.UserClicks;
import dev.runnel.testdriver.jobs.ClickUnion.Visit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A union in the driver: clicks piped into two streams meet in one keyed count per user, each counted once, in both
 * state layouts; the union of two filters of one stage emits each web click on the home or cart page once.
 */
class UnionTest {

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void clicksOfBothStreamsAreCountedOncePerUser(StateLayout layout) {
    JobTestDriver driver = JobTestDriver.builder(ClickUnion.class).stateLayout(layout).build();
    Random random = new Random(16);
    List<Click> web = new ArrayList<>();
    List<Click> app = new ArrayList<>();
    String[] pages = {"/home", "/cart", "/search"};
    for (int i = 0; i < 90; i++) {
      Click click = new Click("u" + random.nextInt(5), pages[random.nextInt(3)], random.nextInt(6) == 0);
      (random.nextBoolean() ? web : app).add(click);
    }
    driver.pipe("web-clicks", web.subList(0, 30));
    driver.pipe("app-clicks", app);
    driver.pipe("web-clicks", web.subList(30, web.size()));

    Map<String, Long> expected = new TreeMap<>();
    web.stream().filter(c -> !c.bot()).forEach(c -> expected.merge(c.user(), 1L, Long::sum));
    app.stream().filter(c -> !c.bot()).forEach(c -> expected.merge(c.user(), 1L, Long::sum));
    List<UserClicks> counts = driver.output("user-clicks", UserClicks.class);
    assertThat(counts).hasSize(expected.values().stream().mapToInt(Long::intValue).sum());
    expected.forEach((user, clicks) -> {
      assertThat(counts).filteredOn(c -> c.user().equals(user)).extracting(UserClicks::clicks)
          .as("counts of %s, one per click, over both streams", user)
          .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, clicks).boxed().toList());
      assertThat(driver.state("count", "clicks", user, Long.class)).contains(clicks);
    });

    List<Visit> visits = web.stream().filter(c -> !c.page().equals("/search"))
        .map(c -> new Visit(c.user(), c.page())).toList();
    assertThat(driver.output("visits", Visit.class)).containsExactlyInAnyOrderElementsOf(visits);
  }
}
