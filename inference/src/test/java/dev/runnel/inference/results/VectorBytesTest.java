package dev.runnel.inference.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VectorBytesTest {
  @Test
  void encodesLittleEndianFloat32() {
    byte[] bytes = VectorBytes.encode(new float[] {1.0f, -2.5f});

    assertThat(bytes).containsExactly(0, 0, (byte) 0x80, 0x3f, 0, 0, 0x20, (byte) 0xc0);
    assertThat(VectorBytes.decode(bytes)).containsExactly(1.0f, -2.5f);
  }

  @Test
  void rejectsBytesThatAreNotWholeFloats() {
    assertThatThrownBy(() -> VectorBytes.decode(new byte[5])).hasMessageContaining("5 bytes");
  }
}
