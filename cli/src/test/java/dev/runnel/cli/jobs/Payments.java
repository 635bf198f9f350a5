package dev.runnel.cli.jobs;

import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;

/**
 * A job with a bug, for the operations commands: each payment adds to its account's balance, and a refund (a negative
 * amount) throws, so it goes to the dead letters. {@link PaymentsFixed} is the same job with the bug fixed.
 */
@StreamingJob("payments")
public class Payments {
  /** A payment into an account; negative for a refund. */
  @Source(stream = "payments-in", shards = 2)
  @KeyBy("account")
  public record Payment(String account, long amount) {}

  /** An account's balance after a payment. */
  public record Balance(String account, long balance, long payments) {}

  /** Adds the payment to the account's balance; refunds are not handled (the bug). */
  @KeyedProcess(from = "payments-in")
  @Sink(table = "payments-balances", key = "account")
  public Balance apply(Payment payment, @State("balance") ValueState<Long> balance,
      @State("payments") ValueState<Long> payments) {
    if (payment.amount() < 0) {
      throw new IllegalArgumentException("refunds are not supported yet: amount " + payment.amount());
    }
    long total = balance.valueOr(0L) + payment.amount();
    balance.update(total);
    payments.update(payments.valueOr(0L) + 1);
    return new Balance(payment.account(), total, payments.valueOr(0L));
  }
}
