package dev.runnel.testdriver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.testdriver.jobs.ClickTotals;
import dev.runnel.testdriver.jobs.ClickTotals.Click;
import dev.runnel.testdriver.jobs.ClickTotals.Totals;
import dev.runnel.testdriver.jobs.Payments;
import dev.runnel.testdriver.jobs.Payments.Fee;
import dev.runnel.testdriver.jobs.Payments.Payment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Poison records in the driver: a payment the operator refuses, a payload that is not JSON and a payment whose
 * operator throws an unknown error each go to the dead letters once, with their error type, a message naming job,
 * stage, shard and sequence number, and their payload; every other payment's fee is the reference fee, once. In a
 * keyed stage an unknown failure fails the whole batch, which the driver delivers again, as Lambda would, until the
 * stage narrows it to the record and dead-letters that.
 */
class DeadLettersTest {

  @Test
  void poisonRecordsGoToTheDeadLettersAndTheRestThrough() {
    JobTestDriver driver = JobTestDriver.of(Payments.class);
    List<Payment> good = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      good.add(new Payment("p" + i, "acct" + i % 5, 1_000L * i));
    }
    Payment negative = new Payment("bad", "acct1", -5);
    Payment cursed = new Payment("c1", Payments.CURSED, 700);
    List<Object> input = new ArrayList<>(good.subList(0, 20));
    input.add(negative);
    input.add(cursed);
    input.addAll(good.subList(20, 40));
    driver.pipe("payments-in", input);
    driver.pipeRaw("payments-in", "{\"id\": \"broken\", \"account\": ");

    List<Fee> expected = good.stream().map(p -> new Fee(p.id(), p.account(), Math.max(10, p.cents() / 100)))
        .toList();
    assertThat(driver.output("fees", Fee.class)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(driver.output("fees-out", Fee.class)).containsExactlyInAnyOrderElementsOf(expected);

    assertThat(driver.deadLetters()).hasSize(3);
    DeadLetter refused = letter(driver, "\"id\":\"bad\"");
    assertThat(refused.errorType()).isEqualTo("operator");
    assertThat(refused.operator()).isEqualTo("fee");
    assertThat(refused.error()).contains("payments", refused.stage(), refused.shard(), refused.sequenceNumber(),
        "payment bad of -5 cents is negative");
    DeadLetter unknown = letter(driver, "\"id\":\"c1\"");
    assertThat(unknown.error()).contains("the cursed account", "attempts");
    DeadLetter broken = letter(driver, "broken");
    assertThat(broken.errorType()).isEqualTo("decode");
    assertThat(broken.payload()).isEqualTo("{\"id\": \"broken\", \"account\": ");
  }

  @Test
  void outputsKeepTheOrderOfTheirShard() {
    JobTestDriver driver = JobTestDriver.of(Payments.class);
    List<Payment> payments = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      payments.add(new Payment("p" + i, "acct", 100_000L + i));
    }
    for (Payment payment : payments) {
      driver.pipe("payments-in", payment);
    }
    assertThat(driver.output("fees", Fee.class)).extracting(Fee::id)
        .containsExactlyElementsOf(payments.stream().map(Payment::id).toList());
  }

  @Test
  void aRecordFailingItsBatchForAnUnknownReasonIsDeliveredAgainThenDeadLettered() {
    JobTestDriver driver = JobTestDriver.of(ClickTotals.class);
    driver.pipe("clicks-in", new Click("ana", "/a"), new Click("ana", ClickTotals.CRASHING), new Click("ana", "/b"));

    assertThat(driver.output("totals", Totals.class)).containsExactly(new Totals("ana", 1, 1),
        new Totals("ana", 2, 2));
    assertThat(driver.deadLetters()).singleElement().satisfies(letter -> {
      assertThat(letter.stage()).isEqualTo("clicktotals-2");
      assertThat(letter.error()).contains("the operator crashed", letter.sequenceNumber());
      assertThat(letter.payload()).contains(ClickTotals.CRASHING);
    });
  }

  private static DeadLetter letter(JobTestDriver driver, String payloadPart) {
    return driver.deadLetters().stream().filter(l -> l.payload().contains(payloadPart)).findFirst().orElseThrow();
  }
}
