package dev.runnel.testdriver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.plan.StateLayout;
import dev.runnel.testdriver.jobs.CartReminders;
import dev.runnel.testdriver.jobs.CartReminders.Added;
import dev.runnel.testdriver.jobs.CartReminders.Reminder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Processing-time timers in the driver: processing time stands still until the test moves it, a timer fires once
 * processing time passes it (not before), a timer deleted and registered again fires at its new time, and state the
 * timer cleared is gone. The reference: a reminder {@link CartReminders#QUIET_MILLIS} after each user's last event.
 */
class ProcessingTimeTimersTest {

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void aReminderFiresTenMinutesAfterTheUsersLastEventAndNotBefore(StateLayout layout) {
    JobTestDriver driver = JobTestDriver.builder(CartReminders.class).stateLayout(layout).build();
    long start = driver.processingTime().toEpochMilli();
    driver.pipe("carts-in", new Added("ana", "socks"), new Added("ben", "hat"));
    driver.advanceProcessingTime(Duration.ofMinutes(4));
    driver.pipe("carts-in", new Added("ana", "scarf"));
    assertThat(driver.state("track", "items", "ana", Long.class)).contains(2L);

    driver.advanceProcessingTime(Duration.ofMinutes(5).plusSeconds(59));
    assertThat(driver.output("reminders", Reminder.class)).as("9:59 after ben's event").isEmpty();

    driver.advanceProcessingTime(Duration.ofSeconds(2));
    assertThat(driver.output("reminders", Reminder.class)).containsExactly(
        new Reminder("ben", 1, start + CartReminders.QUIET_MILLIS));
    assertThat(driver.state("track", "items", "ben", Long.class)).as("cleared by the timer").isEmpty();

    driver.advanceProcessingTime(Duration.ofMinutes(4));
    assertThat(driver.output("reminders", Reminder.class)).containsExactly(
        new Reminder("ben", 1, start + CartReminders.QUIET_MILLIS),
        new Reminder("ana", 2, start + Duration.ofMinutes(4).toMillis() + CartReminders.QUIET_MILLIS));
    assertThat(driver.deadLetters()).isEmpty();

    driver.advanceProcessingTime(Duration.ofHours(1));
    assertThat(driver.output("reminders", Reminder.class)).as("each timer fires once").hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void theSameCallsGiveTheSameReminders(StateLayout layout) {
    List<List<String>> runs = new java.util.ArrayList<>();
    for (int run = 0; run < 2; run++) {
      JobTestDriver driver = JobTestDriver.builder(CartReminders.class).stateLayout(layout).build();
      for (int i = 0; i < 30; i++) {
        driver.pipe("carts-in", new Added("user" + i % 7, "item" + i));
        driver.advanceProcessingTime(Duration.ofSeconds(50));
      }
      driver.advanceProcessingTime(Duration.ofMinutes(20));
      runs.add(driver.outputJson("reminders"));
    }
    assertThat(runs.get(0)).hasSize(7).isEqualTo(runs.get(1));
  }
}
