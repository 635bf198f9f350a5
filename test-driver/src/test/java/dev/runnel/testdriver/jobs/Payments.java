package dev.runnel.testdriver.jobs;

import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;

/** A fee per payment; a negative payment is refused by the operator, and one account's payments crash the JVM's way. */
@StreamingJob("payments")
public class Payments {
  /** The account whose payments throw an {@link InternalError}: an unknown failure, tried a few times. */
  public static final String CURSED = "cursed";

  /** A payment of {@code cents}. */
  @Source(stream = "payments-in", shards = 2)
  public record Payment(String id, String account, long cents) {}

  /** The fee of a payment: 1 %, at least 10 cents. */
  public record Fee(String id, String account, long feeCents) {}

  /** The fee of a payment; refuses negative ones. */
  @dev.runnel.api.MapEach(from = "payments-in")
  @Sink(name = "fees", console = true)
  @Sink(stream = "fees-out", key = "account")
  public Fee fee(Payment payment) {
    if (payment.cents() < 0) {
      throw new IllegalArgumentException("payment " + payment.id() + " of " + payment.cents() + " cents is negative");
    }
    if (payment.account().equals(CURSED)) {
      throw new InternalError("the cursed account");
    }
    return new Fee(payment.id(), payment.account(), Math.max(10, payment.cents() / 100));
  }
}
