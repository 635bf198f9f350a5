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
 * A job across both transports: payments arrive on the Kinesis stream {@code ledger-in}, are repartitioned by account
 * through a Kafka topic, and each account's balance goes both to a Kafka topic (for Kafka consumers) and to a
 * Kinesis stream (for the rest of an AWS pipeline).
 *
 * <pre>
 * ledger-in (stream) ═(key: account, topic)═▶ balance [paid, cents] ─▶ ledger-balances (topic), ledger-balances-out (stream)
 * </pre>
 */
@StreamingJob(value = "ledger", edges = Transport.KAFKA)
public class LedgerBridge {

  /** A payment into ({@code cents} above 0) or out of an account. */
  @Source(stream = "ledger-in", shards = 2)
  @KeyBy(value = "account", shards = 2)
  public record Payment(String id, String account, long cents) {}

  /** An account after a payment: how many payments it had and its balance. */
  public record Balance(String account, long payments, long cents) {}

  /** Adds the payment to its account's balance. */
  @KeyedProcess(from = "ledger-in")
  @Sink(topic = "ledger-balances", key = "account", partitions = 2)
  @Sink(stream = "ledger-balances-out", key = "account")
  public Balance balance(Payment payment, @State("paid") ValueState<Long> paid,
      @State("cents") ValueState<Long> cents) {
    paid.update(paid.valueOr(0L) + 1);
    cents.update(cents.valueOr(0L) + payment.cents());
    return new Balance(payment.account(), paid.value(), cents.value());
  }
}
