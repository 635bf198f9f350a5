package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;
import dev.runnel.plan.Plan;
import org.junit.jupiter.api.Test;

/** A key may be a path into nested records: each segment is checked, and a wrong one is named with its choices. */
class NestedKeyPathsTest {
  public record Address(String street, String city) {}

  public record Total(String city, long cents) {}

  @StreamingJob("cities")
  public static class ByCity {
    @Source(stream = "cities-in") @KeyBy("address.city") @Sink(stream = "orders-by-city", key = "address.city")
    public record Order(String id, Address address, long cents) {}

    @KeyedProcess @Sink(console = true)
    public Total add(Order order, @State("cents") ValueState<Long> cents) {
      cents.update(cents.valueOr(0L) + order.cents());
      return new Total(order.address().city(), cents.value());
    }
  }

  @StreamingJob("cities")
  public static class ByTown {
    @Source(stream = "cities-in") @KeyBy("address.town")
    public record Order(String id, Address address, long cents) {}

    @KeyedProcess @Sink(console = true)
    public Total add(Order order, @State("cents") ValueState<Long> cents) {
      return new Total(order.address().city(), 0);
    }
  }

  @StreamingJob("cities")
  public static class IntoAString {
    @Source(stream = "cities-in") @KeyBy("id.length")
    public record Order(String id, Address address, long cents) {}

    @KeyedProcess @Sink(console = true)
    public Total add(Order order, @State("cents") ValueState<Long> cents) {
      return new Total(order.address().city(), 0);
    }
  }

  @StreamingJob("cities")
  public static class NestedTableKey {
    @Source(stream = "cities-in") @Sink(table = "orders", key = "address.city")
    public record Order(String id, Address address, long cents) {}
  }

  private static String problems(Class<?> job) {
    InvalidJobException thrown = catchThrowableOfType(InvalidJobException.class, () -> Planner.plan(job));
    assertThat(thrown).as("planning %s must fail", job.getSimpleName()).isNotNull();
    assertThat(thrown.problems()).as(thrown.getMessage()).hasSize(1);
    return thrown.getMessage();
  }

  @Test
  void aNestedKeyPathPlansAsTheKeyOfTheStage() {
    Plan plan = Planner.plan(ByCity.class);
    assertThat(plan.stages().get(1).keyField()).isEqualTo("address.city");
    assertThat(plan.stages().get(0).outputs()).anySatisfy(output -> {
      assertThat(output.target()).isEqualTo("orders-by-city");
      assertThat(output.keyField()).isEqualTo("address.city");
    });
  }

  @Test
  void aWrongSegmentIsNamedWithTheFieldsOfItsType() {
    assertThat(problems(ByTown.class)).contains("@KeyBy(\"address.town\"): 'address' is a NestedKeyPathsTest.Address,"
        + " which has no field 'town'", "Use one of its fields: address.street, address.city.");
  }

  @Test
  void aPathIntoAValueWithoutFieldsSaysWhereToEndIt() {
    assertThat(problems(IntoAString.class)).contains("@KeyBy(\"id.length\") goes into 'id', a String, which has no"
        + " field 'length'", "End the path at 'id'");
  }

  @Test
  void aTableSinkKeyMustBeTopLevel() {
    assertThat(problems(NestedTableKey.class)).contains("nested key \"address.city\"", "top-level attribute");
  }
}
