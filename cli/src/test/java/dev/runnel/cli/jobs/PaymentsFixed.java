package dev.runnel.cli.jobs;

import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;

/** {@link Payments} with its bug fixed: a refund subtracts from the balance. Same job, streams, tables and stages. */
@StreamingJob("payments")
public class PaymentsFixed {
  /** A payment into an account; negative for a refund. */
  @Source(stream = "payments-in", shards = 2)
  @KeyBy("account")
  public record Payment(String account, long amount) {}

  /** An account's balance after a payment. */
  public record Balance(String account, long balance, long payments) {}

  /** Adds the payment, or the refund, to the account's balance. */
  @KeyedProcess(from = "payments-in")
  @Sink(table = "payments-balances", key = "account")
  public Balance apply(Payment payment, @State("balance") ValueState<Long> balance,
      @State("payments") ValueState<Long> payments) {
    long total = balance.valueOr(0L) + payment.amount();
    balance.update(total);
    payments.update(payments.valueOr(0L) + 1);
    return new Balance(payment.account(), total, payments.valueOr(0L));
  }
}
