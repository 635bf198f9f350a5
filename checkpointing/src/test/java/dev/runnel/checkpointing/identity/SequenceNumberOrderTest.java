package dev.runnel.checkpointing.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SequenceNumberOrderTest {
  @Test
  void ordersAsTheNumbersDoWhateverTheirLengthOrLeadingZeros() {
    Random random = new Random(5);
    for (int i = 0; i < 20_000; i++) {
      BigInteger a = new BigInteger(random.nextInt(190) + 1, random);
      BigInteger b = random.nextBoolean() ? a.add(BigInteger.valueOf(random.nextInt(3) - 1)).abs()
          : new BigInteger(random.nextInt(190) + 1, random);
      String aText = "0".repeat(random.nextInt(2)) + a;
      String bText = "0".repeat(random.nextInt(2)) + b;
      assertThat(Integer.signum(SequenceNumberOrder.compare(aText, bText))).as("%s vs %s", aText, bText)
          .isEqualTo(a.compareTo(b));
      assertThat(SequenceNumberOrder.canonical(aText)).isEqualTo(a.toString());
    }
    assertThat(SequenceNumberOrder.compare("000", "0")).isZero();
    assertThat(SequenceNumberOrder.canonical("000")).isEqualTo("0");
  }
}
