package dev.runnel.functions.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.functions.codec.RunnelJson;
import dev.runnel.functions.output.KeyField;
import dev.runnel.plan.AggregateKind;
import org.junit.jupiter.api.Test;

/** SUM of an integral field is an exact Long, stored exactly, and continues from a sum stored as a double before. */
class ExactSumTest {
  public record Payment(String user, long cents, double rate) {}

  private static final long BIG = (1L << 53) + 1; // the first long a double cannot hold

  private final BuiltInContents sumOfCents = new BuiltInContents(AggregateKind.SUM,
      KeyField.resolve(Payment.class, "cents"), BuiltInContents.integral(KeyField.typeOf(Payment.class, "cents")));

  @Test
  void aSumOfLongsAboveTwoToThe53IsExactAndALong() throws Throwable {
    Object acc = sumOfCents.create();
    acc = sumOfCents.add(acc, new Payment("a", BIG, 0));
    acc = sumOfCents.add(acc, new Payment("a", 2, 0));
    assertThat(sumOfCents.result(acc)).isInstanceOf(Long.class).isEqualTo(BIG + 2);
    Object merged = sumOfCents.merge(acc, sumOfCents.add(sumOfCents.create(), new Payment("a", 4, 0)));
    assertThat(sumOfCents.result(merged)).isEqualTo(BIG + 6);
  }

  @Test
  void theExactSumSurvivesItsStoredForm() throws Throwable {
    Object acc = sumOfCents.add(sumOfCents.create(), new Payment("a", BIG, 0));
    String json = RunnelJson.MAPPER.writeValueAsString(acc);
    assertThat(json).isEqualTo("{\"x\":" + BIG + "}");
    BuiltInAccumulator read = RunnelJson.MAPPER.readValue(json, BuiltInAccumulator.class);
    assertThat(sumOfCents.result(sumOfCents.add(read, new Payment("a", 1, 0)))).isEqualTo(BIG + 1);
  }

  @Test
  void aSumStoredAsADoubleBeforeContinuesAsALong() throws Throwable {
    BuiltInAccumulator stored = RunnelJson.MAPPER.readValue("{\"s\":40.0}", BuiltInAccumulator.class);
    assertThat(sumOfCents.result(stored)).isEqualTo(40L);
    assertThat(sumOfCents.result(sumOfCents.add(stored, new Payment("a", 2, 0)))).isEqualTo(42L);
  }

  @Test
  void aDoubleFieldStillSumsToADoubleAndAnOverflowSaysWhatToDo() throws Throwable {
    BuiltInContents sumOfRates = new BuiltInContents(AggregateKind.SUM, KeyField.resolve(Payment.class, "rate"),
        BuiltInContents.integral(KeyField.typeOf(Payment.class, "rate")));
    assertThat(sumOfRates.result(sumOfRates.add(sumOfRates.create(), new Payment("a", 0, 0.5)))).isEqualTo(0.5);

    Object full = sumOfCents.add(sumOfCents.create(), new Payment("a", Long.MAX_VALUE, 0));
    assertThatThrownBy(() -> sumOfCents.add(full, new Payment("a", 1, 0)))
        .isInstanceOf(ArithmeticException.class).hasMessageContaining("overflows a long");
  }
}
