package dev.runnel.faults.jobs;

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
 * Orders checked against per-tier limits that are broadcast to every shard of the check's stage (docs/broadcast.md):
 * one input of one shard with orders and limit changes, so that each shard of the check sees them in input order and
 * every run, faulty or not, must produce the same alerts and the same state, broadcast state included.
 */
@StreamingJob("broadcast-limits")
public class BroadcastLimits {
  /** The broadcast state's entry counting the limit changes applied on its shard; no tier has this name. */
  public static final String CHANGES = "changes applied";

  /** An order ({@code type} "order") or a limit ({@code type} "limit": {@code value} is the tier's limit, negative to
   * remove it). */
  @Source(stream = "bl-events")
  public record Event(String type, long id, String customer, String tier, long value) {}

  /** An order over its tier's limit; {@code id} is the order's. */
  public record Alert(long id, String customer, long spent, long max) {}

  @Filter(from = "bl-events")
  @KeyBy(value = "customer", shards = 3)
  public boolean orders(Event event) {
    return event.type().equals("order");
  }

  @Filter(from = "bl-events")
  public boolean limits(Event event) {
    return event.type().equals("limit");
  }

  @KeyedProcess(from = "orders", broadcast = "limits")
  @Sink(table = "bl-alerts", key = "id")
  public Optional<Alert> check(Event order, @State("spent") ValueState<Long> spent,
      ReadOnlyBroadcastState<String, Long> limits) {
    long total = spent.valueOr(0L) + order.value();
    spent.update(total);
    Long max = limits.get(order.tier());
    return max != null && total > max ? Optional.of(new Alert(order.id(), order.customer(), total, max))
        : Optional.empty();
  }

  /**
   * Sets or removes the tier's limit, and counts the changes under {@link #CHANGES}: a change applied twice on a
   * shard, or lost there, shows in that shard's count.
   */
  @OnBroadcast("check")
  public void limit(Event limit, BroadcastState<String, Long> limits) {
    Long changes = limits.get(CHANGES);
    limits.put(CHANGES, changes == null ? 1 : changes + 1);
    if (limit.value() < 0) {
      limits.remove(limit.tier());
    } else {
      limits.put(limit.tier(), limit.value());
    }
  }
}
