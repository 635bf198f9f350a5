package dev.runnel.examples.orders;

import dev.runnel.api.Aggregate;
import dev.runnel.api.AggregateFunction;
import dev.runnel.api.EventTime;
import dev.runnel.api.Filter;
import dev.runnel.api.FlatMap;
import dev.runnel.api.KeyBy;
import dev.runnel.api.MapEach;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;
import dev.runnel.api.Window;
import dev.runnel.api.Windowed;
import dev.runnel.api.model.Embed;
import dev.runnel.api.model.Embedding;
import dev.runnel.api.model.Model;
import dev.runnel.api.model.Provider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo job. Orders arrive on {@code orders-in}; valid ones are routed to a fulfilment region and repartitioned
 * by customer. Per customer, a running total is kept in keyed state (exactly once) and each order line becomes a
 * shipment, written to a table, a stream and the console. Per region, orders and revenue are summed per minute of
 * the time the order was placed. Each order's basket (its items) is embedded by a small model running in process (no
 * network, no key) and its vector kept in a table, so that similar orders can be found ({@code ./runnel demo} asks
 * for the orders nearest to a phrase after the run).
 *
 * <pre>
 * orders-in ─▶ valid ─▶ route ═(key: customer)═▶ ship ─▶ large ─▶ sinks
 *                                             ├─▶ spend [orders, cents] ─▶ orders-customer-totals, console
 *                                             ├─▶ basket [model: minilm] ─▶ orders-basket-vectors; basketLine ─▶ console
 *                                             └─▶ sale ═(key: region)═▶ perMinute [1-minute windows] ─▶ console
 * </pre>
 */
@StreamingJob("orders")
@Model(name = "minilm", provider = Provider.IN_PROCESS, id = "all-minilm-l6-v2-q")
public class OrderRouting {

  /** An order as producers write it; {@code at} is when it was placed, epoch milliseconds. */
  @Source(stream = "orders-in", shards = 2)
  @EventTime(field = "at", maxOutOfOrderness = "PT5S", idleAfter = "PT30S")
  public record Order(String id, long at, String customer, String country, List<Line> lines) {}

  /** One line of an order. */
  public record Line(String sku, int quantity, long unitCents) {}

  /** An order assigned to the region that fulfils it; {@code items} names what is in it, e.g. "desk, lamp". */
  public record Routed(String orderId, String customer, String region, String items, List<Line> lines) {}

  /** An order's basket and its embedding, as the vector table holds it. */
  public record BasketVector(String orderId, String customer, String items, float[] vector) {}

  /** What the console shows of an embedded basket. */
  public record Basket(String orderId, String customer, String items, int dimensions) {}

  /** A customer's running totals. */
  public record CustomerTotal(String customer, long orders, long cents) {}

  /** What one order is worth to the region that fulfils it. */
  public record Sale(String region, String orderId, long cents) {}

  /** A region's orders and revenue in one minute. */
  public record RegionMinute(String region, String minute, long orders, long cents) {}

  /** Orders and cents, summed. */
  public record Tally(long orders, long cents) {}

  /** Counts orders and sums their cents. */
  public static final class SalesTally implements AggregateFunction<Sale, Tally, Tally> {
    @Override
    public Tally createAccumulator() {
      return new Tally(0, 0);
    }

    @Override
    public Tally add(Sale sale, Tally tally) {
      return new Tally(tally.orders() + 1, tally.cents() + sale.cents());
    }

    @Override
    public Tally getResult(Tally tally) {
      return tally;
    }

    @Override
    public Tally merge(Tally left, Tally right) {
      return new Tally(left.orders() + right.orders(), left.cents() + right.cents());
    }
  }

  /** One line to ship from a region's warehouse. */
  public record Shipment(String shipmentId, String customer, String region, String sku, int quantity, long cents) {}

  /** Keeps orders that have a customer and at least one line with a positive quantity. */
  @Filter(from = "orders-in")
  public boolean valid(Order order) {
    return order.customer() != null && !order.customer().isBlank()
        && order.lines() != null && order.lines().stream().anyMatch(l -> l.quantity() > 0);
  }

  /** Assigns the fulfilment region; a country no region serves is an error (the record goes to the dead letters). */
  @MapEach(from = "valid")
  @KeyBy("customer")
  public Routed route(Order order) {
    return new Routed(order.id(), order.customer(), Regions.of(order.country()), items(order.lines()),
        order.lines());
  }

  /** The SKUs ordered (positive quantities), each once, in order: "desk, lamp". */
  static String items(List<Line> lines) {
    return String.join(", ", lines.stream().filter(l -> l.quantity() > 0).map(Line::sku).distinct().toList());
  }

  /** Embeds the basket in process: similar baskets get nearby vectors. */
  @Embed(model = "minilm", from = "route", text = "{items}")
  @Sink(table = "orders-basket-vectors", key = "orderId")
  public BasketVector basket(Routed order, Embedding embedding) {
    return new BasketVector(order.orderId(), order.customer(), order.items(), embedding.vector());
  }

  /** A readable line per embedded basket. */
  @MapEach(from = "basket")
  @Sink(name = "baskets-console", console = true)
  public Basket basketLine(BasketVector basket) {
    return new Basket(basket.orderId(), basket.customer(), basket.items(), basket.vector().length);
  }

  /** Keeps each customer's number of orders and money spent, and emits the new totals. */
  @KeyedProcess(from = "route")
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

  /** The order's value, repartitioned by the region that fulfils it. */
  @MapEach(from = "route")
  @KeyBy("region")
  public Sale sale(Routed order) {
    long cents = 0;
    for (Line line : order.lines()) {
      cents += Math.max(0, line.quantity()) * line.unitCents();
    }
    return new Sale(order.region(), order.orderId(), cents);
  }

  /** Each region's orders and revenue per minute, written when the minute is over. */
  @Window(from = "sale", size = "PT1M")
  @Aggregate(function = SalesTally.class)
  @Sink(name = "revenue-per-minute", console = true)
  public RegionMinute perMinute(Windowed<Tally> window) {
    return new RegionMinute(window.key(), Instant.ofEpochMilli(window.start()).toString(), window.value().orders(),
        window.value().cents());
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
