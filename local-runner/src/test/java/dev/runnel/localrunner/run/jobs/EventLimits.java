package dev.runnel.localrunner.run.jobs;

import dev.runnel.api.BroadcastState;
import dev.runnel.api.Filter;
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
 * One stream of orders and limit changes: the limits are broadcast to every shard of the check's stage, the orders
 * keyed by customer. Both leave the source's stage in input order, so each shard of the check sees them in that
 * order, and the alerts equal a sequential pass over the input (docs/broadcast.md, "Order").
 */
@StreamingJob("limits")
public class EventLimits {
  /** An order ({@code type} "order": {@code id}, {@code customer}, {@code tier}, {@code value} = amount) or a limit
   * ({@code type} "limit": {@code tier}, {@code value} = the tier's limit, negative to remove it). */
  @Source(stream = "b-events")
  public record Event(String type, long id, String customer, String tier, long value) {}

  /** An order over its tier's limit; {@code id} is the order's. */
  public record Alert(long id, String customer, long spent, long max) {}

  @Filter(from = "b-events")
  @KeyBy(value = "customer", shards = 3)
  public boolean orders(Event event) {
    return event.type().equals("order");
  }

  @Filter(from = "b-events")
  public boolean limits(Event event) {
    return event.type().equals("limit");
  }

  @KeyedProcess(from = "orders", broadcast = "limits")
  @Sink(table = "b-alerts", key = "id")
  public Optional<Alert> check(Event order, @State("spent") ValueState<Long> spent,
      ReadOnlyBroadcastState<String, Long> limits) {
    long total = spent.valueOr(0L) + order.value();
    spent.update(total);
    Long max = limits.get(order.tier());
    return max != null && total > max ? Optional.of(new Alert(order.id(), order.customer(), total, max))
        : Optional.empty();
  }

  @OnBroadcast("check")
  public void limit(Event limit, BroadcastState<String, Long> limits) {
    if (limit.value() < 0) {
      limits.remove(limit.tier());
    } else {
      limits.put(limit.tier(), limit.value());
    }
  }
}
