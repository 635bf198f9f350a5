package dev.runnel.testdriver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.plan.StateLayout;
import dev.runnel.testdriver.jobs.SpendingLimits;
import dev.runnel.testdriver.jobs.SpendingLimits.Alert;
import dev.runnel.testdriver.jobs.SpendingLimits.Limit;
import dev.runnel.testdriver.jobs.SpendingLimits.Order;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Broadcast state run by the real stage handlers in the driver, in both state layouts: limits piped before orders
 * are applied on every shard of the operator's stage before those orders, and the alerts equal a sequential
 * reference that applies every limit, then every order, in piping order.
 */
class BroadcastStateTest {
  private static final List<String> TIERS = List.of("gold", "silver", "basic");

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void everyShardAppliesTheRulesBeforeTheOrdersThatFollowThem(StateLayout layout) {
    JobTestDriver driver = JobTestDriver.builder(SpendingLimits.class).stateLayout(layout).build();
    assertThat(driver.plan().stages()).hasSize(3);
    Random random = new Random(4);
    Reference reference = new Reference();
    List<List<Limit>> limitRounds = List.of(
        List.of(new Limit("gold", 500), new Limit("silver", 200), new Limit("basic", 50)),
        List.of(new Limit("silver", 100), new Limit("basic", -1)),
        List.of(new Limit("gold", 50), new Limit("basic", 20)));
    for (List<Limit> limits : limitRounds) {
      driver.pipe("limits", limits);
      limits.forEach(reference::apply);
      List<Order> orders = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        orders.add(new Order("c" + random.nextInt(15), TIERS.get(random.nextInt(3)), 1 + random.nextInt(30)));
      }
      driver.pipe("orders", orders);
      orders.forEach(reference::apply);
      assertThat(driver.broadcastStates("check")).as("every shard holds every limit piped so far")
          .hasSize(3).allSatisfy((shard, state) -> assertThat(state).isEqualTo(reference.limits));
    }
    assertThat(reference.alerts).as("the rules make some alerts, and change which").hasSizeGreaterThan(20);
    assertThat(driver.output("alerts", Alert.class)).containsExactlyInAnyOrderElementsOf(reference.alerts);
    assertThat(driver.deadLetters()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void ordersBeforeAnyRuleSeeNone(StateLayout layout) {
    JobTestDriver driver = JobTestDriver.builder(SpendingLimits.class).stateLayout(layout).build();
    driver.pipe("orders", new Order("ana", "gold", 900));
    assertThat(driver.output("alerts", Alert.class)).isEmpty();
    driver.pipe("limits", new Limit("gold", 1000));
    driver.pipe("orders", new Order("ana", "gold", 200));
    assertThat(driver.output("alerts", Alert.class)).containsExactly(new Alert("ana", 1100, 1000));
    assertThat(driver.state("check", "spent", "ana", Long.class)).contains(1100L);
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void aRuleItsMethodRefusesIsDeadLetteredOnEveryShardAndChangesNothing(StateLayout layout) {
    JobTestDriver driver = JobTestDriver.builder(SpendingLimits.class).stateLayout(layout).build();
    driver.pipe("limits", new Limit("gold", 100), new Limit("gold", 13), new Limit("silver", 5));
    assertThat(driver.deadLetters()).as("one copy per shard of the check's stage, each dead-lettered there")
        .hasSize(3).allSatisfy(letter -> {
          assertThat(letter.stage()).isEqualTo("spending-3");
          assertThat(letter.error()).contains("a limit of 13 is unlucky");
          assertThat(letter.payload()).contains("\"broadcast\"").contains("\"max\":13");
        });
    assertThat(driver.deadLetters()).extracting(DeadLetter::shard).doesNotHaveDuplicates();
    assertThat(driver.broadcastStates("check")).as("the refused rule's change is undone on every shard")
        .allSatisfy((shard, state) -> assertThat(state).isEqualTo(Map.of("gold", 100L, "silver", 5L)));
    driver.pipe("orders", new Order("ana", "gold", 101));
    assertThat(driver.output("alerts", Alert.class)).containsExactly(new Alert("ana", 101, 100));
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void aKeyedRecordWithTheReservedKeyIsDeadLettered(StateLayout layout) {
    JobTestDriver driver = JobTestDriver.builder(SpendingLimits.class).stateLayout(layout).build();
    driver.pipe("limits", new Limit("gold", 100));
    driver.pipe("orders", new Order("\u0000broadcast", "gold", 500), new Order("ana", "gold", 101));
    assertThat(driver.deadLetters()).singleElement().satisfies(letter -> {
      assertThat(letter.errorType()).isEqualToIgnoringCase("key");
      assertThat(letter.error()).contains("reserved for the shard's broadcast state");
    });
    assertThat(driver.broadcastStates("check")).allSatisfy((shard, state) ->
        assertThat(state).isEqualTo(Map.of("gold", 100L)));
    assertThat(driver.output("alerts", Alert.class)).containsExactly(new Alert("ana", 101, 100));
  }

  /** Applies limits and orders one after the other, as a single-threaded program would. */
  private static final class Reference {
    final Map<String, Long> limits = new HashMap<>();
    final Map<String, Long> spent = new HashMap<>();
    final List<Alert> alerts = new ArrayList<>();

    void apply(Limit limit) {
      if (limit.max() < 0) {
        limits.remove(limit.tier());
      } else {
        limits.put(limit.tier(), limit.max());
      }
    }

    void apply(Order order) {
      long total = spent.merge(order.customer(), order.amount(), Long::sum);
      Long max = limits.get(order.tier());
      if (max != null && total > max) {
        alerts.add(new Alert(order.customer(), total, max));
      }
    }
  }
}
