package dev.runnel.localrunner.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resume rule: line n of the first c inputs having a line n is in the stream, c the records of key n. */
class AlreadyFedTest {

  @Test
  void claimsEachRecordOnceInInputOrder() {
    // two inputs of one stream, both with lines 1-3; the interrupted feed wrote all of the first and line 2 of the
    // second (a chunk partly failed: its lines 1 and 3 were still to be resent)
    AlreadyFed already = AlreadyFed.of(Map.of("1", 1, "2", 2, "3", 1));

    List<String> first = claimed(already, "a", 3);
    List<String> second = claimed(already, "b", 3);

    assertThat(first).containsExactly("a1", "a2", "a3");
    assertThat(second).containsExactly("b2");
    assertThat(already.total()).isEqualTo(4);
    assertThat(already.unclaimed()).isZero();
  }

  @Test
  void aLineNotInTheStreamIsNotClaimedEvenAfterLaterOnesWere() {
    // not a prefix: PutRecords accepted lines 1, 2 and 4 of a chunk; line 3 failed and was to be resent
    AlreadyFed already = AlreadyFed.of(Map.of("1", 1, "2", 1, "4", 1));

    assertThat(claimed(already, "a", 5)).containsExactly("a1", "a2", "a4");
  }

  @Test
  void nothingFedClaimsNothing() {
    AlreadyFed already = AlreadyFed.none();

    assertThat(claimed(already, "a", 3)).isEmpty();
    assertThat(already.total()).isZero();
  }

  @Test
  void recordsNoLineAccountsForStayUnclaimed() {
    AlreadyFed already = AlreadyFed.of(Map.of("1", 1, "9", 2));

    claimed(already, "a", 3);

    assertThat(already.unclaimed()).isEqualTo(2);
  }

  /** Lines 1..lines of input {@code name} the stream already holds, claiming them. */
  private static List<String> claimed(AlreadyFed already, String name, int lines) {
    List<String> claimed = new ArrayList<>();
    for (int line = 1; line <= lines; line++) {
      if (already.claim(Integer.toString(line))) {
        claimed.add(name + line);
      }
    }
    return claimed;
  }
}
