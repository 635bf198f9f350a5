package dev.runnel.nexmark.generator;

import java.util.SplittableRandom;

/**
 * The generator's strings: short random words, padding cut from one fixed 1 MiB string of letters (as the Flink
 * suite does, for speed), and log-uniform prices.
 */
final class RandomText {
  private static final int POOL_CHARS = 1 << 20;
  private final String pool;

  RandomText(long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    char[] chars = new char[POOL_CHARS];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) ('a' + random.nextInt(26));
    }
    this.pool = new String(chars);
  }

  /** 3 to maxLength - 1 characters, each {@code special} with probability 1/13, else a letter; trimmed. */
  static String word(SplittableRandom random, int maxLength, char special) {
    int length = 3 + random.nextInt(maxLength - 3);
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = random.nextInt(13) == 0 ? special : (char) ('a' + random.nextInt(26));
    }
    return new String(chars).trim();
  }

  /** A word with spaces as the special character. */
  static String word(SplittableRandom random, int maxLength) {
    return word(random, maxLength, ' ');
  }

  /** Padding that brings an entity of {@code currentSize} bytes to about {@code averageSize}: empty when above it. */
  String extra(SplittableRandom random, int currentSize, int averageSize) {
    if (currentSize > averageSize) {
      return "";
    }
    int missing = averageSize - currentSize;
    int delta = (int) Math.round(0.2 * missing);
    int length = delta == 0 ? missing : missing - delta + random.nextInt(2 * delta);
    int from = random.nextInt(POOL_CHARS - length);
    return pool.substring(from, from + length);
  }

  /** A price in cents, log-uniform from 100 ($1) to 10^8 ($1 M). */
  static long price(SplittableRandom random) {
    return Math.round(Math.pow(10.0, random.nextDouble() * 6.0) * 100.0);
  }
}
