package dev.runnel.inference.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The token-bucket arithmetic, with explicit times. */
class BucketRuleTest {
  @Test
  void aLimitOfNPerMinuteBurstsNOver20AndRefillsTheRestOverTheMinute() {
    Allowance a120 = Allowance.perMinute(120);
    Allowance a1 = Allowance.perMinute(1);
    Allowance a10 = Allowance.perMinute(10);

    assertThat(a120.capacity()).isEqualTo(6.0);
    assertThat(a120.refillPerMilli() * 60_000).isCloseTo(114.0, within(1e-9));
    assertThat(a10.capacity()).isEqualTo(1.0);
    assertThat(a10.capacity() + a10.refillPerMilli() * 60_000).isCloseTo(10.0, within(1e-9));
    assertThat(a1.capacity()).isEqualTo(1.0);
    assertThat(a1.refillPerMilli() * 60_000).isCloseTo(1.0, within(1e-9));
    assertThat(Allowance.perMinute(0).limited()).isFalse();
  }

  @Test
  void aFullBucketAdmitsItsBurstThenWaitsForTheRefill() {
    BucketRule rule = new BucketRule(120, 0);
    BucketState state = rule.full(1_000);
    for (int i = 0; i < 6; i++) {
      Admission admission = rule.admit(state, 1_000, 1, 0);
      assertThat(admission.granted()).isTrue();
      state = admission.next();
    }

    Admission seventh = rule.admit(state, 1_000, 1, 0);

    assertThat(seventh.granted()).isFalse();
    assertThat(seventh.waitMillis()).isEqualTo(527); // 1 / (114 / 60,000 ms) = 526.3 ms
    assertThat(rule.admit(state, 1_526, 1, 0).granted()).isFalse();
    assertThat(rule.admit(state, 1_527, 1, 0).granted()).isTrue();
  }

  @Test
  void refillStopsAtTheCapacityAndNeverRunsBackwards() {
    BucketRule rule = new BucketRule(120, 0);
    BucketState empty = new BucketState(0, 0, 10_000);

    assertThat(rule.admit(empty, 10_000 + 3_600_000, 0, 0).next().requests()).isEqualTo(6.0);
    Admission behind = rule.admit(empty, 5_000, 1, 0);
    assertThat(behind.granted()).isFalse();
    assertThat(behind.next().refilledAtMillis()).isEqualTo(10_000);
    assertThat(behind.next().requests()).isZero();
  }

  @Test
  void tokensLimitToo_andARequestLargerThanTheBucketGoesIntoDebt() {
    BucketRule rule = new BucketRule(0, 2_000); // 100 tokens burst, 1,900 per minute refill
    BucketState state = rule.full(0);

    Admission big = rule.admit(state, 0, 1, 500);
    assertThat(big.granted()).isTrue();
    assertThat(big.next().tokens()).isEqualTo(-400.0);

    Admission next = rule.admit(big.next(), 0, 1, 10);
    assertThat(next.granted()).isFalse();
    assertThat(next.waitMillis()).isEqualTo((long) Math.ceil(410 / (1_900 / 60_000.0)));
    Admission halfFull = rule.admit(new BucketState(0, 50, 0), 0, 1, 500);
    assertThat(halfFull.waitMillis()).isEqualTo((long) Math.ceil(50 / (1_900 / 60_000.0)));
  }

  @Test
  void bothDimensionsMustHaveEnough() {
    BucketRule rule = new BucketRule(120, 1_200); // tokens: 60 burst
    BucketState state = rule.full(0);

    assertThat(rule.admit(state, 0, 1, 61).granted()).isTrue(); // over the burst: a full bucket admits it
    assertThat(rule.admit(new BucketState(6, 30, 0), 0, 1, 40).granted()).isFalse();
    assertThat(rule.admit(new BucketState(0.5, 60, 0), 0, 1, 40).granted()).isFalse();
    assertThat(rule.admit(new BucketState(1, 40, 0), 0, 1, 40).granted()).isTrue();
    assertThat(new BucketRule(0, 0).unlimited()).isTrue();
  }
}
