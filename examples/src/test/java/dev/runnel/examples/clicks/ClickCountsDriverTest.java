package dev.runnel.examples.clicks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.BundledInput;
import dev.runnel.examples.clicks.ClickCounts.Click;
import dev.runnel.examples.clicks.ClickCounts.UserClicks;
import dev.runnel.testdriver.JobTestDriver;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * ClickCounts in JobTestDriver: the bundled clicks leave each user's committed state (clicks, clicks per page) and
 * table item equal to a sequential count of that user's clicks, and the sample of {@code JobTestDriver}'s Javadoc
 * holds.
 */
class ClickCountsDriverTest {

  @Test
  void eachUsersStateAndItemAreTheSequentialCounts() {
    List<Click> clicks = new BundledInput("clicks", "clicks-in").records(Click.class);
    JobTestDriver driver = JobTestDriver.of(ClickCounts.class);
    driver.pipe("clicks-in", clicks);

    Map<String, Map<String, Long>> pages = new TreeMap<>();
    clicks.forEach(click -> pages.computeIfAbsent(click.user(), u -> new TreeMap<>()).merge(click.page(), 1L,
        Long::sum));
    assertThat(driver.table("clicks-per-user", UserClicks.class)).extracting(UserClicks::user)
        .containsExactlyInAnyOrderElementsOf(pages.keySet());
    pages.forEach((user, perPage) -> {
      long total = perPage.values().stream().mapToLong(Long::longValue).sum();
      assertThat(driver.state("count", "clicks", user, Long.class)).contains(total);
      assertThat(driver.state("count", "pages", user, Map.class)).contains(perPage);
      assertThat(driver.table("clicks-per-user", UserClicks.class)).filteredOn(u -> u.user().equals(user))
          .singleElement().satisfies(item -> {
            assertThat(item.clicks()).isEqualTo(total);
            assertThat(item.distinctPages()).isEqualTo(perPage.size());
          });
    });
    assertThat(driver.output("clicks-console", UserClicks.class)).hasSize(clicks.size());
    assertThat(driver.deadLetters()).isEmpty();
  }

  @Test
  void theJavadocSampleHolds() {
    JobTestDriver driver = JobTestDriver.of(ClickCounts.class);
    driver.pipe("clicks-in", new Click("ana", "/home", 1), new Click("ana", "/cart", 2));
    assertThat(driver.output("clicks-console", UserClicks.class)).last()
        .isEqualTo(new UserClicks("ana", 2, 2, "/home"));
  }
}
