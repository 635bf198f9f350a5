package dev.runnel.inference.results;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** An embedding as compact bytes: little-endian IEEE float32, 4 bytes per dimension (384 floats = 1.5 KB). */
final class VectorBytes {
  private VectorBytes() {}

  /** The bytes of {@code vector}. */
  static byte[] encode(float[] vector) {
    ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(vector);
    return buffer.array();
  }

  /** The vector these bytes hold. */
  static float[] decode(byte[] bytes) {
    if (bytes.length % Float.BYTES != 0) {
      throw new IllegalArgumentException("a stored vector has " + bytes.length + " bytes, not a multiple of 4");
    }
    float[] vector = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
    return vector;
  }
}
