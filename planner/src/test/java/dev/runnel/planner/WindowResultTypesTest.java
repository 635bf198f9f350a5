package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.api.Aggregate;
import dev.runnel.api.EventTime;
import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedWindow;
import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Window;
import dev.runnel.api.Windowed;
import org.junit.jupiter.api.Test;

/**
 * What a window method receives: a SUM of an integral field is an exact Long, of a floating one a Double; a
 * {@code KeyedWindow<K, V>}'s K is the key-by field's type.
 */
class WindowResultTypesTest {

  @StreamingJob("sums")
  public static class LongSum {
    @Source(stream = "sums-in") @EventTime(field = "at") @KeyBy("user")
    public record Payment(String user, long at, long cents, double rate) {}

    @Window(from = "sums-in", size = "PT1M") @Aggregate(kind = Aggregate.Kind.SUM, field = "cents")
    @Sink(console = true)
    public Long total(Windowed<Long> window) {
      return window.value();
    }

    @Window(from = "sums-in", size = "PT1M") @Aggregate(kind = Aggregate.Kind.SUM, field = "rate")
    @Sink(name = "rates", console = true)
    public Double rates(Windowed<Double> window) {
      return window.value();
    }
  }

  @StreamingJob("sums")
  public static class LongSumAsDouble {
    @Source(stream = "sums-in") @EventTime(field = "at") @KeyBy("user")
    public record Payment(String user, long at, int cents) {}

    @Window(from = "sums-in", size = "PT1M") @Aggregate(kind = Aggregate.Kind.SUM, field = "cents")
    @Sink(console = true)
    public Double total(Windowed<Double> window) {
      return window.value();
    }
  }

  @StreamingJob("sums")
  public static class DoubleSumAsLong {
    @Source(stream = "sums-in") @EventTime(field = "at") @KeyBy("user")
    public record Payment(String user, long at, double cents) {}

    @Window(from = "sums-in", size = "PT1M") @Aggregate(kind = Aggregate.Kind.SUM, field = "cents")
    @Sink(console = true)
    public Long total(Windowed<Long> window) {
      return window.value();
    }
  }

  private static JobProblem onlyProblem(Class<?> job) {
    InvalidJobException thrown = catchThrowableOfType(InvalidJobException.class, () -> Planner.plan(job));
    assertThat(thrown).as("planning %s must fail", job.getSimpleName()).isNotNull();
    assertThat(thrown.problems()).as(thrown.getMessage()).hasSize(1);
    return thrown.problems().get(0);
  }

  @Test
  void aSumOfALongFieldIsALongAndOfADoubleFieldADouble() {
    assertThat(Planner.plan(LongSum.class).stages()).hasSize(2);
  }

  @Test
  void aSumOfAnIntFieldIntoWindowedDoubleSaysToTakeALong() {
    JobProblem p = onlyProblem(LongSumAsDouble.class);
    assertThat(p.problem()).contains("SUM, field = \"cents\") sums an int field into an exact Long",
        "the parameter is Windowed<Double>");
    assertThat(p.fix()).isEqualTo("Change the parameter to Windowed<Long>.");
  }

  @Test
  void aSumOfADoubleFieldIntoWindowedLongSaysToTakeADouble() {
    JobProblem p = onlyProblem(DoubleSumAsLong.class);
    assertThat(p.problem()).contains("sums a double field into a Double", "the parameter is Windowed<Long>");
    assertThat(p.fix()).isEqualTo("Change the parameter to Windowed<Double>.");
  }

  @StreamingJob("accounts")
  public static class TypedKey {
    @Source(stream = "accounts-in") @EventTime(field = "at")
    public record Payment(long account, long at, long cents) {}

    public record Keyed(long account, long at, long cents) {}

    @MapEach(from = "accounts-in") @KeyBy("account")
    public Keyed key(Payment payment) {
      return new Keyed(payment.account(), payment.at(), payment.cents());
    }

    @Window(from = "key", size = "PT1M") @Aggregate(kind = Aggregate.Kind.SUM, field = "cents")
    @Sink(console = true)
    public Long total(KeyedWindow<Long, Long> window) {
      return window.key() + window.value();
    }
  }

  @StreamingJob("accounts")
  public static class WrongKeyType {
    @Source(stream = "accounts-in") @EventTime(field = "at") @KeyBy("account")
    public record Payment(long account, long at, long cents) {}

    @Window(from = "accounts-in", size = "PT1M") @Aggregate(kind = Aggregate.Kind.COUNT)
    @Sink(console = true)
    public Long total(KeyedWindow<String, Long> window) {
      return window.value();
    }
  }

  public record Region(String country, String city) {}

  @StreamingJob("accounts")
  public static class RecordKey {
    @Source(stream = "accounts-in") @EventTime(field = "at") @KeyBy("region")
    public record Payment(Region region, long at, long cents) {}

    @Window(from = "accounts-in", size = "PT1M") @Aggregate(kind = Aggregate.Kind.COUNT)
    @Sink(console = true)
    public Long total(KeyedWindow<Region, Long> window) {
      return window.value();
    }
  }

  @Test
  void aKeyedWindowTakesTheKeyByFieldsTypeBoxed() {
    assertThat(Planner.plan(TypedKey.class).stages()).hasSize(2);
  }

  @Test
  void aKeyedWindowOfAnotherKeyTypeSaysWhichToTake() {
    JobProblem p = onlyProblem(WrongKeyType.class);
    assertThat(p.problem()).contains("takes KeyedWindow<String, ...>", "keyed by 'account'", "a long");
    assertThat(p.fix()).isEqualTo("Change the parameter to KeyedWindow<Long, ...>.");
  }

  @Test
  void aKeyWhoseTextDoesNotReadBackCannotBeTyped() {
    JobProblem p = onlyProblem(RecordKey.class);
    assertThat(p.problem()).contains("keyed by 'region'", "read back from the key's text");
    assertThat(p.fix()).contains("take Windowed<V> and read key() as text");
  }
}
