package dev.runnel.testdriver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.plan.StateLayout;
import dev.runnel.testdriver.jobs.OrderChecks;
import dev.runnel.testdriver.jobs.OrderChecks.Order;
import dev.runnel.testdriver.jobs.OrderChecks.Rejected;
import dev.runnel.testdriver.jobs.OrderChecks.Total;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Side outputs in the driver, in both state layouts: every invalid order reaches the rejected sink once and no other,
 * every big order the big-orders sink once, and the totals count each valid order once.
 */
class SideOutputsTest {

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void eachOrderGoesWhereItsOperatorSentIt(StateLayout layout) {
    JobTestDriver driver = JobTestDriver.builder(OrderChecks.class).stateLayout(layout).build();
    Random random = new Random(3);
    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      String customer = random.nextInt(8) == 0 ? "" : "c" + random.nextInt(4);
      long cents = random.nextInt(10) == 0 ? -100 : random.nextInt(20_000);
      orders.add(new Order("o" + i, customer, cents));
    }
    driver.pipe("orders-in", orders);

    List<Rejected> rejected = new ArrayList<>();
    List<Order> big = new ArrayList<>();
    Map<String, Long> totals = new TreeMap<>();
    for (Order order : orders) {
      if (order.customer().isEmpty() || order.cents() < 0) {
        rejected.add(new Rejected(order.id(), order.cents() < 0 ? "negative" : "no customer"));
        continue;
      }
      totals.merge(order.customer(), order.cents(), Long::sum);
      if (order.cents() > OrderChecks.BIG) {
        big.add(order);
      }
    }
    assertThat(rejected).isNotEmpty();
    assertThat(big).isNotEmpty();
    assertThat(driver.output("rejected", Rejected.class)).containsExactlyInAnyOrderElementsOf(rejected);
    assertThat(driver.output("big-orders", Order.class)).containsExactlyInAnyOrderElementsOf(big);
    List<Total> outputs = driver.output("totals", Total.class);
    assertThat(outputs).hasSize(orders.size() - rejected.size());
    totals.forEach((customer, cents) -> {
      assertThat(driver.state("total", "cents", customer, Long.class)).contains(cents);
      assertThat(outputs).filteredOn(t -> t.customer().equals(customer)).last().isEqualTo(new Total(customer, cents));
    });
    assertThat(driver.deadLetters()).isEmpty();
  }
}
