package dev.runnel.planner.jobs;

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

/** Per-customer spending checked against limits that a rules stream broadcasts to every shard. */
@StreamingJob("limits")
public class OrderLimits {
  @Source(stream = "orders", shards = 2) @KeyBy("customer")
  public record Order(String customer, long amount) {}

  @Source(stream = "limits")
  public record Limit(String tier, long max) {}

  public record Alert(String customer, long spent, long max) {}

  @KeyedProcess(from = "orders", broadcast = "limits")
  @Sink(name = "alerts", table = "limit-alerts", key = "customer")
  public Optional<Alert> check(Order order, @State("spent") ValueState<Long> spent,
      ReadOnlyBroadcastState<String, Long> limits) {
    long total = spent.valueOr(0L) + order.amount();
    spent.update(total);
    Long max = limits.get("default");
    return max != null && total > max ? Optional.of(new Alert(order.customer(), total, max)) : Optional.empty();
  }

  @OnBroadcast("check")
  public void limit(Limit limit, BroadcastState<String, Long> limits) {
    limits.put(limit.tier(), limit.max());
  }
}
