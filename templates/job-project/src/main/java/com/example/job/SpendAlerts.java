package com.example.job;

import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;
import java.util.Optional;

/**
 * A sample job: sums each account's payments, exactly once, and raises one alert when an account's spending first
 * reaches its limit. Replace it with your own; the README of Runnel describes every annotation.
 *
 * <pre>
 * payments-in ═(key: account)═▶ spend [spent] ─▶ spend-alerts (table), alerts-console (console)
 * </pre>
 */
@StreamingJob("spend")
public class SpendAlerts {
  /** The spending, in cents, at which an account gets its alert. */
  public static final long LIMIT_CENTS = 100_000;

  /** A card payment. */
  @Source(stream = "payments-in", shards = 2)
  @KeyBy("account")
  public record Payment(String id, String account, long cents) {}

  /** An account's spending reached the limit with this payment. */
  public record Alert(String payment, String account, long spentCents) {}

  /** Adds the payment to its account's spending; an alert when the spending reaches the limit. */
  @KeyedProcess(from = "payments-in")
  @Sink(table = "spend-alerts", key = "payment")
  @Sink(name = "alerts-console", console = true)
  public Optional<Alert> spend(Payment payment, @State(value = "spent", ttl = "P30D") ValueState<Long> spent) {
    long before = spent.valueOr(0L);
    long after = before + payment.cents();
    spent.update(after);
    return before < LIMIT_CENTS && after >= LIMIT_CENTS
        ? Optional.of(new Alert(payment.id(), payment.account(), after))
        : Optional.empty();
  }
}
