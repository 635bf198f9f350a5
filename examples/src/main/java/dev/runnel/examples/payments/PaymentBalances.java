package dev.runnel.examples.payments;

import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Transport;
import dev.runnel.api.ValueState;

/**
 * The classic Kafka architecture, all on topics: producers write payments to {@code payments-in}, the job keeps each
 * account's balance in keyed state (exactly once) and writes it to {@code payments-balances} after every payment.
 *
 * <pre>
 * payments-in (topic) ═(key: account, topic payments-payments-in-keyed)═▶ balance [paid, cents] ─▶ payments-balances (topic)
 * </pre>
 */
@StreamingJob(value = "payments", edges = Transport.KAFKA)
public class PaymentBalances {

  /** A payment into ({@code cents} above 0) or out of an account. */
  @Source(topic = "payments-in", partitions = 3)
  @KeyBy(value = "account", shards = 3)
  public record Payment(String id, String account, long cents) {}

  /** An account after a payment: how many payments it had and its balance. */
  public record Balance(String account, long payments, long cents) {}

  /** Adds the payment to its account's balance. */
  @KeyedProcess(from = "payments-in")
  @Sink(topic = "payments-balances", key = "account", partitions = 3)
  public Balance balance(Payment payment, @State("paid") ValueState<Long> paid,
      @State("cents") ValueState<Long> cents) {
    paid.update(paid.valueOr(0L) + 1);
    cents.update(cents.valueOr(0L) + payment.cents());
    return new Balance(payment.account(), paid.value(), cents.value());
  }
}
