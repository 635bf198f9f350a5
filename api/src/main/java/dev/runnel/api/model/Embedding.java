package dev.runnel.api.model;

import java.util.Arrays;

/** An embedding vector from an {@link Embed} operator's model. The array is the caller's to keep; do not change it. */
public record Embedding(float[] vector) {
  /** The number of dimensions. */
  public int dimensions() {
    return vector.length;
  }

  /** The cosine similarity with {@code other}, in [-1, 1]. */
  public double cosine(Embedding other) {
    double dot = 0;
    double a = 0;
    double b = 0;
    for (int i = 0; i < vector.length; i++) {
      dot += vector[i] * other.vector[i];
      a += vector[i] * vector[i];
      b += other.vector[i] * other.vector[i];
    }
    return a == 0 || b == 0 ? 0 : dot / Math.sqrt(a * b);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Embedding e && Arrays.equals(vector, e.vector);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(vector);
  }

  @Override
  public String toString() {
    return "Embedding[" + vector.length + " dimensions]";
  }
}
