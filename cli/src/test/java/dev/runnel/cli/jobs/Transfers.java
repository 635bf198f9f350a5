package dev.runnel.cli.jobs;

import dev.runnel.api.KeyBy;
import dev.runnel.api.Process;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;
import java.util.concurrent.CountDownLatch;

/**
 * A job for the operator stories of docs/operating.md: each transfer adds to its account's balance; a refund (a
 * negative amount) throws, so it goes to the dead letters; the test can make the operator hold the records of account
 * {@link #HELD} (a call that hangs: the batch holds its shard) or take a while per record (a stage that falls behind).
 */
@StreamingJob("transfers")
public class Transfers {
  /** The account whose records wait while {@link Controls#hold()} is in force. */
  public static final String HELD = "held";

  /** A transfer into an account; negative for a refund. */
  @Source(stream = "transfers-in", shards = 2)
  @KeyBy("account")
  public record Transfer(String account, long amount) {}

  /** An account's balance after a transfer. */
  public record Balance(String account, long balance) {}

  /** Adds the transfer to the account's balance; refunds are not handled (the bug). */
  @Process(from = "transfers-in")
  @Sink(table = "transfers-balances", key = "account")
  public Balance apply(Transfer transfer, @State("balance") ValueState<Long> balance) {
    Controls.await(transfer.account());
    if (transfer.amount() < 0) {
      throw new IllegalArgumentException("refunds are not supported yet: amount " + transfer.amount());
    }
    long total = balance.valueOr(0L) + transfer.amount();
    balance.update(total);
    return new Balance(transfer.account(), total);
  }

  /** What a test makes the operator do, as a hanging or slow downstream call would; off by default. */
  public static final class Controls {
    private static volatile CountDownLatch gate = new CountDownLatch(0);
    private static volatile long millisPerRecord;

    private Controls() {}

    /** From now on, records of {@link #HELD} wait until {@link #release()}. */
    public static void hold() {
      gate = new CountDownLatch(1);
    }

    /** Lets the held records through, and those to come. */
    public static void release() {
      gate.countDown();
    }

    /** Every record takes {@code millis} more (0: none). */
    public static void pace(long millis) {
      millisPerRecord = millis;
    }

    static void await(String account) {
      try {
        if (HELD.equals(account)) {
          gate.await();
        }
        if (millisPerRecord > 0) {
          Thread.sleep(millisPerRecord);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while held", e);
      }
    }
  }
}
