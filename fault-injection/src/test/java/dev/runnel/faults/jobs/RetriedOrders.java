package dev.runnel.faults.jobs;

import dev.runnel.api.KeyBy;
import dev.runnel.api.MapEach;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;

/**
 * Orders from a producer that retries: its input repeats some orders with the same id (next to the first copy, or a
 * few batches later), and each must count once. The source stage (unkeyed) echoes every order it accepts to a
 * stream; the keyed stage totals each customer's orders.
 *
 * <pre>
 * retried-in [idField: id] ─▶ retried-accepted (stream)
 *                          └─▶ byCustomer ═(key: customer)═▶ total [totals] ─▶ retried-totals (table)
 * </pre>
 */
@StreamingJob("retried")
public class RetriedOrders {
  /** An order; a retried PutRecords writes it again with the same id. */
  @Source(stream = "retried-in", idField = "id")
  @Sink(stream = "retried-accepted", key = "id")
  public record Order(String id, String customer, long cents) {}

  /** A customer's orders and cents so far. */
  public record Total(String customer, long orders, long cents) {}

  @MapEach(from = "retried-in")
  @KeyBy(value = "customer", shards = 2)
  public Order byCustomer(Order order) {
    return order;
  }

  /** Adds the order to its customer's totals. */
  @KeyedProcess(from = "byCustomer")
  @Sink(table = "retried-totals", key = "customer")
  public Total total(Order order, @State("totals") ValueState<Total> totals) {
    Total before = totals.valueOr(new Total(order.customer(), 0, 0));
    Total after = new Total(order.customer(), before.orders() + 1, before.cents() + order.cents());
    totals.update(after);
    return after;
  }
}
