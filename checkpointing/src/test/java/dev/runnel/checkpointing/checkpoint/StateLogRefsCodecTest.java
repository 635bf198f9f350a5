package dev.runnel.checkpointing.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checkpoint's state log attribute: every value round-trips, and damaged bytes are refused, not misread. */
class StateLogRefsCodecTest {

  @Test
  void emptyRefsTakeThreeBytesAndRoundTrip() {
    assertThat(StateLogRefsCodec.encode(StateLogRefs.EMPTY)).hasSize(3);
    assertThat(StateLogRefsCodec.decode(StateLogRefsCodec.encode(StateLogRefs.EMPTY))).isEqualTo(StateLogRefs.EMPTY);
  }

  @Test
  void extremeAndOutOfOrderValuesRoundTrip() {
    StateLogRefs refs = new StateLogRefs(new StateLogRefs.Logged(Long.MAX_VALUE, "0", Integer.MAX_VALUE,
        Long.MAX_VALUE), List.of(new StateLogRefs.Logged(1, "zzzzzzzzzzzzzzzz", 1, 0),
        new StateLogRefs.Logged(Long.MAX_VALUE - 1, "a", 2, 5), new StateLogRefs.Logged(3, "b", 3, 6)));
    assertThat(StateLogRefsCodec.decode(StateLogRefsCodec.encode(refs))).isEqualTo(refs);
  }

  @Test
  void anEntryOfConsecutiveRevisionsTakesThirteenBytes() {
    StateLogRefs one = StateLogRefs.EMPTY.append(new StateLogRefs.Logged(5_000_000, "a1b2c3d4", 1, 3_000));
    StateLogRefs two = one.append(new StateLogRefs.Logged(5_000_001, "e5f6g7h8", 1, 3_000));
    assertThat(StateLogRefsCodec.encode(two).length - StateLogRefsCodec.encode(one).length).isEqualTo(13);
  }

  @Test
  void truncatedOrTrailingBytesAreRefused() {
    byte[] bytes = StateLogRefsCodec.encode(StateLogRefs.EMPTY.append(new StateLogRefs.Logged(7, "abc", 2, 99)));
    for (int length = 0; length < bytes.length; length++) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> StateLogRefsCodec.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
    }
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> StateLogRefsCodec.decode(longer)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("after their last entry");
  }
}
