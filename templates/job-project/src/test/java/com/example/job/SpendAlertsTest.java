package com.example.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.job.SpendAlerts.Alert;
import com.example.job.SpendAlerts.Payment;
import dev.runnel.testdriver.JobTestDriver;
import org.junit.jupiter.api.Test;

/** Runs the job's real stages in memory with JobTestDriver: no emulator, no network. */
class SpendAlertsTest {
  @Test
  void alertsOnceWhenAnAccountReachesItsLimit() {
    JobTestDriver driver = JobTestDriver.of(SpendAlerts.class);

    driver.pipe("payments-in", new Payment("p1", "ana", 60_000), new Payment("p2", "ben", 5_000),
        new Payment("p3", "ana", 40_000), new Payment("p4", "ana", 1_000));

    assertThat(driver.output("alerts-console", Alert.class)).containsExactly(new Alert("p3", "ana", 100_000));
    assertThat(driver.table("spend-alerts", Alert.class)).containsExactly(new Alert("p3", "ana", 100_000));
    assertThat(driver.state("spend", "spent", "ana", Long.class)).contains(101_000L);
    assertThat(driver.state("spend", "spent", "ben", Long.class)).contains(5_000L);
  }

  @Test
  void aBrokenRecordGoesToTheDeadLettersAndTheOthersFlow() {
    JobTestDriver driver = JobTestDriver.of(SpendAlerts.class);

    driver.pipeRaw("payments-in", "{\"id\": \"p1\", \"account\": \"ana\", \"cents\": \"lots\"}");
    driver.pipe("payments-in", new Payment("p2", "ana", 100_000));

    assertThat(driver.deadLetters()).hasSize(1);
    assertThat(driver.output("alerts-console", Alert.class)).containsExactly(new Alert("p2", "ana", 100_000));
  }
}
