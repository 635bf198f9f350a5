package dev.runnel.testdriver.jobs;

import dev.runnel.api.BroadcastState;
import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.OnBroadcast;
import dev.runnel.api.ReadOnlyBroadcastState;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;
import java.util.Optional;

/**
 * Spending per customer checked against a limit per tier that a rules stream broadcasts to every shard: a limit
 * record sets its tier's limit (a negative one removes it), an order adds to its customer's total and emits an alert
 * when the total is over its tier's limit.
 */
@StreamingJob("spending")
public class SpendingLimits {
  @Source(stream = "orders") @KeyBy(value = "customer", shards = 3)
  public record Order(String customer, String tier, long amount) {}

  @Source(stream = "limits")
  public record Limit(String tier, long max) {}

  public record Alert(String customer, long spent, long max) {}

  @KeyedProcess(from = "orders", broadcast = "limits")
  @Sink(name = "alerts", console = true)
  public Optional<Alert> check(Order order, @State("spent") ValueState<Long> spent,
      ReadOnlyBroadcastState<String, Long> limits) {
    long total = spent.valueOr(0L) + order.amount();
    spent.update(total);
    Long max = limits.get(order.tier());
    return max != null && total > max ? Optional.of(new Alert(order.customer(), total, max)) : Optional.empty();
  }

  /** Sets or removes a tier's limit; a limit of 13 is refused (a rule the job cannot apply). */
  @OnBroadcast("check")
  public void limit(Limit limit, BroadcastState<String, Long> limits) {
    if (limit.max() == 13) {
      limits.put(limit.tier(), 13L);
      throw new IllegalArgumentException("a limit of 13 is unlucky");
    }
    if (limit.max() < 0) {
      limits.remove(limit.tier());
    } else {
      limits.put(limit.tier(), limit.max());
    }
  }
}
