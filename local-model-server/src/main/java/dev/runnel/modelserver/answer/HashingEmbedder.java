package dev.runnel.modelserver.answer;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic embeddings by feature hashing: every lower-case word adds +1 or -1 (by its hash) to one dimension
 * (by its hash), and the vector is L2-normalised. Texts that share words therefore have a high cosine similarity,
 * texts that share none a similarity near zero. A text without words maps to the first unit vector.
 */
public final class HashingEmbedder {
  private HashingEmbedder() {
  }

  /** The embedding of {@code text} with {@code dimensions} floats. */
  public static float[] embed(String text, int dimensions) {
    if (dimensions < 1) {
      throw new IllegalArgumentException("dimensions must be positive: " + dimensions);
    }
    double[] sums = new double[dimensions];
    for (String word : Words.of(text)) {
      long hash = hash(word);
      int index = (int) Math.floorMod(hash, (long) dimensions);
      sums[index] += (hash >>> 63) == 0 ? 1 : -1;
    }
    double norm = 0;
    for (double v : sums) {
      norm += v * v;
    }
    float[] vector = new float[dimensions];
    if (norm == 0) {
      vector[0] = 1;
      return vector;
    }
    double length = Math.sqrt(norm);
    for (int i = 0; i < dimensions; i++) {
      vector[i] = (float) (sums[i] / length);
    }
    return vector;
  }

  /** FNV-1a over the UTF-8 bytes, then a 64-bit finaliser so that both the index and the sign bit are well mixed. */
  private static long hash(String word) {
    long h = 0xcbf29ce484222325L;
    for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }
}
