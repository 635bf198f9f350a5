package dev.runnel.inference.vectors;

import java.util.Map;

/**
 * A vector as the index keeps it: scaled to length 1, so cosine similarity is a dot product.
 *
 * @param id     its id
 * @param unit   the normalised vector (not copied; never handed out)
 * @param fields what was stored with it (immutable)
 */
record IndexedVector(String id, float[] unit, Map<String, String> fields) {

  /** {@code vector} normalised; rejects zero, NaN and infinite vectors. */
  static IndexedVector of(String id, float[] vector, Map<String, String> fields) {
    return new IndexedVector(id, normalised(vector, id), Map.copyOf(fields));
  }

  /** A copy of {@code vector} with length 1. */
  static float[] normalised(float[] vector, String what) {
    double squares = 0;
    for (float value : vector) {
      squares += (double) value * value;
    }
    if (vector.length == 0 || squares == 0 || Double.isNaN(squares) || Double.isInfinite(squares)) {
      throw new IllegalArgumentException("vector " + what + " cannot be normalised: empty, zero, NaN or infinite");
    }
    double norm = Math.sqrt(squares);
    float[] unit = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      unit[i] = (float) (vector[i] / norm);
    }
    return unit;
  }

  /** The dot product with another unit vector: their cosine similarity. */
  double dot(float[] other) {
    double sum = 0;
    for (int i = 0; i < unit.length; i++) {
      sum += (double) unit[i] * other[i];
    }
    return sum;
  }
}
