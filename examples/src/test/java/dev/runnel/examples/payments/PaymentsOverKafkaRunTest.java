package dev.runnel.examples.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.examples.BundledInput;
import dev.runnel.examples.SharedEmulators;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.DeadLetter;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.planner.Planner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka examples end to end on the embedded broker (started by the run), kinesis-local and DynamoDB Local:
 * PaymentBalances all on topics (source, repartition edge, sink) and LedgerBridge from a Kinesis stream through a
 * repartition topic to a topic and a stream. Each account's balances must be those a sequential evaluation of the
 * input gives: one record per payment, counted 1..n without gap or copy, the last one holding the account's sum; the
 * malformed line goes to the dead letters named by its topic-partition and offset.
 */
class PaymentsOverKafkaRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static RunSummary payments;
  private static RunSummary ledger;

  @BeforeAll
  static void runBothJobs() {
    payments = SharedEmulators.run(Planner.plan(PaymentBalances.class), RunOptions.defaults());
    ledger = SharedEmulators.run(Planner.plan(LedgerBridge.class), RunOptions.defaults());
  }

  private static List<String> sinkTo(RunSummary run, String target) {
    return run.sinks().stream().filter(sink -> target.equals(sink.target())).findFirst().orElseThrow().records();
  }

  /** Per account: the number of payments and their sum, from the input file read in order. */
  private static Map<String, List<Long>> reference(String job, String stream) {
    Map<String, List<Long>> totals = new TreeMap<>();
    for (String line : new BundledInput(job, stream).lines()) {
      PaymentBalances.Payment payment;
      try {
        payment = JSON.readValue(line, PaymentBalances.Payment.class);
      } catch (Exception malformed) {
        continue;
      }
      List<Long> before = totals.getOrDefault(payment.account(), List.of(0L, 0L));
      totals.put(payment.account(), List.of(before.get(0) + 1, before.get(1) + payment.cents()));
    }
    return totals;
  }

  /** Checks {@code records} against the reference and returns the final balance of each account. */
  private static Map<String, List<Long>> finalBalances(List<String> records) throws Exception {
    Map<String, List<Long>> last = new TreeMap<>();
    Map<String, List<Long>> counts = new TreeMap<>();
    for (String record : records) {
      PaymentBalances.Balance balance = JSON.readValue(record, PaymentBalances.Balance.class);
      counts.computeIfAbsent(balance.account(), a -> new ArrayList<>()).add(balance.payments());
      List<Long> before = last.get(balance.account());
      if (before == null || before.get(0) < balance.payments()) {
        last.put(balance.account(), List.of(balance.payments(), balance.cents()));
      }
    }
    counts.forEach((account, seen) -> assertThat(seen.stream().sorted().toList()).as(account)
        .isEqualTo(java.util.stream.LongStream.rangeClosed(1, seen.size()).boxed().toList()));
    return last;
  }

  @Test
  void paymentBalancesOnTopicsEqualTheSequentialReference() throws Exception {
    List<String> balances = sinkTo(payments, "payments-balances");
    assertThat(balances).hasSize(119);
    assertThat(finalBalances(balances)).isEqualTo(reference("payments", "payments-in"));
  }

  @Test
  void theMalformedPaymentIsDeadLetteredByTopicPartitionAndOffset() {
    assertThat(payments.deadLetters()).singleElement().satisfies(letter -> {
      assertThat(letter.stage()).isEqualTo("payments-1");
      assertThat(letter.shard()).matches("payments-in-[0-2]");
      assertThat(letter.sequenceNumber()).matches("\\d+");
      assertThat(letter.errorType()).isEqualTo("decode");
      assertThat(letter.payload()).contains("\"id\":\"p-041\"");
      assertThat(letter.error()).contains("job 'payments', stage 'payments-1', topic-partition " + letter.shard()
          + ", offset " + letter.sequenceNumber());
    });
    assertThat(payments.discardedBatches()).isEmpty();
  }

  @Test
  void theLedgerBridgeWritesTheSameBalancesToItsTopicAndItsStream() throws Exception {
    Map<String, List<Long>> reference = reference("ledger", "ledger-in");
    List<String> topic = sinkTo(ledger, "ledger-balances");
    List<String> stream = sinkTo(ledger, "ledger-balances-out");
    assertThat(topic).hasSize(79).containsExactlyInAnyOrderElementsOf(stream);
    assertThat(finalBalances(topic)).isEqualTo(reference);
    assertThat(ledger.deadLetters()).extracting(DeadLetter::payload).singleElement().asString()
        .contains("\"id\":\"l-017\"");
    assertThat(reference.values().stream().collect(Collectors.summingLong(v -> v.get(0)))).isEqualTo(79);
  }
}
