package dev.runnel.testdriver.jobs;

import dev.runnel.api.FlatMap;
import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.MapEach;
import dev.runnel.api.Side;
import dev.runnel.api.SideOutput;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;
import java.util.List;

/**
 * Side outputs in a stateless and in a keyed stage: {@code check} sends orders without a customer or with a negative
 * amount to its {@code invalid} side output (printed by {@code reject}) and keys the others by customer;
 * {@code total} sums each customer's cents and sends every order of more than {@link #BIG} cents to {@code big}.
 */
@StreamingJob("orderchecks")
public class OrderChecks {
  /** Orders above this many cents are big. */
  public static final long BIG = 10_000;

  /** An order as it arrives. */
  @Source(stream = "orders-in", shards = 2)
  public record Order(String id, String customer, long cents) {}

  /** An order that failed the check, and why. */
  public record Rejected(String id, String reason) {}

  /** A customer's total after an order. */
  public record Total(String customer, long cents) {}

  /** Passes valid orders on, keyed by customer; the others go to the side output. */
  @FlatMap(from = "orders-in")
  @KeyBy("customer")
  public List<Order> check(Order order, @Side("invalid") SideOutput<Order> invalid) {
    if (order.customer() == null || order.customer().isEmpty() || order.cents() < 0) {
      invalid.emit(order);
      return List.of();
    }
    return List.of(order);
  }

  /** Why an invalid order was rejected. */
  @MapEach(from = "check.invalid")
  @Sink(name = "rejected", console = true)
  public Rejected reject(Order order) {
    return new Rejected(order.id(), order.cents() < 0 ? "negative" : "no customer");
  }

  /** A customer's running total; big orders also to the side. */
  @KeyedProcess(from = "check")
  @Sink(name = "totals", console = true)
  public Total total(Order order, @State("cents") ValueState<Long> cents, @Side("big") SideOutput<Order> big) {
    if (order.cents() > BIG) {
      big.emit(order);
    }
    cents.update(cents.valueOr(0L) + order.cents());
    return new Total(order.customer(), cents.value());
  }

  /** Big orders, as they were. */
  @MapEach(from = "total.big")
  @Sink(name = "big-orders", console = true)
  public Order bigOrder(Order order) {
    return order;
  }
}
