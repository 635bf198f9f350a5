package dev.runnel.planner.jobs;

import dev.runnel.api.Filter;
import dev.runnel.api.FlatMap;
import dev.runnel.api.KeyBy;
import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import java.util.List;

/** A valid job with two key-bys (three stages), fan-out, and every sink kind. */
@StreamingJob("shop")
public class Shop {
  @Source(stream = "shop-orders", shards = 3)
  @Sink(name = "raw", stream = "shop-raw-copy")
  public record Order(String id, String customer, String country, long cents) {}

  public record Routed(String id, String customer, String region, long cents) {}

  public record Item(String id, String customer, long cents) {}

  public record Total(String region, long cents) {}

  @Filter(from = "shop-orders")
  public boolean valid(Order order) {
    return order.cents() > 0;
  }

  @MapEach(from = "valid")
  @KeyBy(value = "customer", shards = 4)
  public Routed route(Order order) {
    return new Routed(order.id(), order.customer(), order.country(), order.cents());
  }

  @FlatMap(from = "route")
  public List<Item> items(Routed routed) {
    return List.of(new Item(routed.id(), routed.customer(), routed.cents()));
  }

  @Filter(from = "items")
  @Sink(table = "shop-items", key = "id")
  @Sink(console = true)
  public boolean big(Item item) {
    return item.cents() > 100;
  }

  @MapEach(from = "route")
  @KeyBy("region")
  public Total perRegion(Routed routed) {
    return new Total(routed.region(), routed.cents());
  }

  @MapEach(from = "perRegion")
  @Sink(stream = "shop-region-totals", key = "region", shards = 2)
  public Total rounded(Total total) {
    return new Total(total.region(), total.cents() / 100 * 100);
  }
}
