package dev.runnel.checkpointing.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimalDeltaTest {
  private static final BigInteger KINESIS = new BigInteger("49590338271490256608559692538361571095921575989136588898");

  @Test
  void differencesAndSumsAgreeWithArbitraryPrecisionArithmetic() {
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      BigInteger lower = switch (i % 5) {
        case 0 -> BigInteger.valueOf(random.nextInt(1000));
        case 1 -> new BigInteger(random.nextInt(200) + 1, random);
        case 2 -> KINESIS.add(new BigInteger(random.nextInt(120) + 1, random));
        case 3 -> BigInteger.TEN.pow(random.nextInt(60) + 1).subtract(BigInteger.valueOf(random.nextInt(1000)))
            .max(BigInteger.ZERO);
        default -> BigInteger.TEN.pow(random.nextInt(60)).subtract(BigInteger.ONE).max(BigInteger.ZERO);
      };
      BigInteger difference = i % 7 == 0 ? BigInteger.valueOf(random.nextInt(2))
          : new BigInteger(random.nextInt(i % 3 == 0 ? 200 : 64) + 1, random);
      BigInteger higher = lower.add(difference);
      String base36 = DecimalDelta.base36Difference(higher.toString(), lower.toString());
      assertThat(base36).as("%s - %s", higher, lower).isEqualTo(difference.toString(Character.MAX_RADIX));
      assertThat(DecimalDelta.plusBase36(lower.toString(), base36)).as("%s + %s", lower, base36)
          .isEqualTo(higher.toString());
    }
  }

  @Test
  void rejectsWhatIsNotANumberOrAFallingDifference() {
    assertThatThrownBy(() -> DecimalDelta.plusBase36("12", "a!")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> DecimalDelta.plusBase36("1x", "a")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> DecimalDelta.plusBase36("12", "")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> DecimalDelta.plusBase36(KINESIS.toString(), "-5")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> DecimalDelta.base36Difference(KINESIS.toString(), KINESIS.add(BigInteger.ONE).toString()))
        .hasMessageContaining("below");
    assertThatThrownBy(() -> DecimalDelta.base36Difference("12", "13")).hasMessageContaining("below");
  }
}
