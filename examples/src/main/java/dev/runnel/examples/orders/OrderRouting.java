package dev.runnel.examples.orders;

import dev.runnel.api.Filter;
import dev.runnel.api.FlatMap;
import dev.runnel.api.KeyBy;
import dev.runnel.api.Map;
import dev.runnel.api.Process;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo job. Orders arrive on {@code orders-in}; valid ones are routed to a fulfilment region and repartitioned
 * by customer. Per customer, a running total is kept in keyed state (exactly once) and each order line becomes a
 * shipment, written to a table, a stream and the console.
 *
 * <pre>
 * orders-in ─▶ valid ─▶ route ═(key: customer)═▶ ship ─▶ large ─▶ sinks
 *                                             └─▶ spend [orders, cents] ─▶ orders-customer-totals, console
 * </pre>
 */
@StreamingJob("orders")
public class OrderRouting {

  /** An order as producers write it. */
  @Source(stream = "orders-in", shards = 2)
  public record Order(String id, String customer, String country, List<Line> lines) {}

  /** One line of an order. */
  public record Line(String sku, int quantity, long unitCents) {}

  /** An order assigned to the region that fulfils it. */
  public record Routed(String orderId, String customer, String region, List<Line> lines) {}

  /** A customer's running totals. */
  public record CustomerTotal(String customer, long orders, long cents) {}

  /** One line to ship from a region's warehouse. */
  public record Shipment(String shipmentId, String customer, String region, String sku, int quantity, long cents) {}

  /** Keeps orders that have a customer and at least one line with a positive quantity. */
  @Filter(from = "orders-in")
  public boolean valid(Order order) {
    return order.customer() != null && !order.customer().isBlank()
        && order.lines() != null && order.lines().stream().anyMatch(l -> l.quantity() > 0);
  }

  /** Assigns the fulfilment region; a country no region serves is an error (the record goes to the dead letters). */
  @Map(from = "valid")
  @KeyBy("customer")
  public Routed route(Order order) {
    return new Routed(order.id(), order.customer(), Regions.of(order.country()), order.lines());
  }

  /** Keeps each customer's number of orders and money spent, and emits the new totals. */
  @Process(from = "route")
  @Sink(table = "orders-customer-totals", key = "customer")
  @Sink(name = "totals-console", console = true)
  public CustomerTotal spend(Routed order, @State("orders") ValueState<Long> orders,
      @State("cents") ValueState<Long> cents) {
    long spent = 0;
    for (Line line : order.lines()) {
      spent += Math.max(0, line.quantity()) * line.unitCents();
    }
    orders.update(orders.valueOr(0L) + 1);
    cents.update(cents.valueOr(0L) + spent);
    return new CustomerTotal(order.customer(), orders.value(), cents.value());
  }

  /** One shipment per line with a positive quantity. */
  @FlatMap(from = "route")
  public List<Shipment> ship(Routed order) {
    List<Shipment> shipments = new ArrayList<>();
    for (int i = 0; i < order.lines().size(); i++) {
      Line line = order.lines().get(i);
      if (line.quantity() > 0) {
        shipments.add(new Shipment(order.orderId() + "-" + (i + 1), order.customer(), order.region(), line.sku(),
            line.quantity(), line.quantity() * line.unitCents()));
      }
    }
    return shipments;
  }

  /** Shipments worth at least 10.00 are tracked; smaller ones go by letter post and leave the pipeline. */
  @Filter(from = "ship")
  @Sink(table = "orders-shipments", key = "shipmentId")
  @Sink(stream = "orders-shipments-out", key = "customer")
  @Sink(name = "shipments-console", console = true)
  public boolean large(Shipment shipment) {
    return shipment.cents() >= 1_000;
  }
}
