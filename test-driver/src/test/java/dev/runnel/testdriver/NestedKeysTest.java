package dev.runnel.testdriver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A job keyed by a nested path, {@code address.city}: each city's state holds the total of that city's orders. */
class NestedKeysTest {
  public record Address(String street, String city) {}

  public record Total(String city, long cents) {}

  @StreamingJob("cities")
  public static class ByCity {
    @Source(stream = "cities-in", shards = 2) @KeyBy("address.city")
    public record Order(String id, Address address, long cents) {}

    @KeyedProcess @Sink(name = "totals", console = true)
    public Total add(Order order, @State("cents") ValueState<Long> cents) {
      cents.update(cents.valueOr(0L) + order.cents());
      return new Total(order.address().city(), cents.value());
    }
  }

  @Test
  void eachCityKeepsTheTotalOfItsOrders() {
    JobTestDriver driver = JobTestDriver.builder(ByCity.class).build();
    List<ByCity.Order> orders = List.of(
        new ByCity.Order("1", new Address("Main St 1", "Berlin"), 100),
        new ByCity.Order("2", new Address("Elm St 2", "Paris"), 250),
        new ByCity.Order("3", new Address("Main St 9", "Berlin"), 40),
        new ByCity.Order("4", new Address("Rue 3", "Paris"), 5),
        new ByCity.Order("5", new Address("Oak St 4", "Oslo"), 7));
    driver.pipe("cities-in", orders).endInput();

    Map<String, Long> expected = new TreeMap<>();
    orders.forEach(order -> expected.merge(order.address().city(), order.cents(), Long::sum));
    expected.forEach((city, cents) -> assertThat(driver.state("add", "cents", city, Long.class)).contains(cents));
    assertThat(driver.output("totals", Total.class)).hasSize(orders.size())
        .filteredOn(total -> total.city().equals("Berlin")).extracting(Total::cents).containsExactly(100L, 140L);
    assertThat(driver.deadLetters()).isEmpty();
  }
}
