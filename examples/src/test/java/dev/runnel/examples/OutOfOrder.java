package dev.runnel.examples;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.ToLongFunction;

/**
 * Shuffles timed records so that they arrive out of order, but never by more than a bound: each record's time is
 * more than {@code bound} below none of the records before it, so a watermark of (highest time seen - bound) never
 * makes one late. Each record is sorted by its time plus a random delay below the bound.
 */
public final class OutOfOrder {
  private OutOfOrder() {}

  /** The records in an order where each is at most {@code boundMillis - 1} older than any record before it. */
  public static <T> List<T> shuffle(List<T> records, ToLongFunction<T> time, long boundMillis, Random random) {
    record Delayed<T>(T record, long arrival, int index) {}
    List<Delayed<T>> delayed = new ArrayList<>();
    for (T record : records) {
      delayed.add(new Delayed<>(record, time.applyAsLong(record) + random.nextLong(boundMillis), delayed.size()));
    }
    delayed.sort(Comparator.comparingLong((Delayed<T> d) -> d.arrival()).thenComparingInt(Delayed::index));
    return delayed.stream().map(Delayed::record).toList();
  }

  /** The largest amount by which a record is older than one before it (0 for records in time order). */
  public static <T> long disorder(List<T> records, ToLongFunction<T> time) {
    long max = Long.MIN_VALUE;
    long disorder = 0;
    for (T record : records) {
      long t = time.applyAsLong(record);
      if (max != Long.MIN_VALUE) {
        disorder = Math.max(disorder, max - t);
      }
      max = Math.max(max, t);
    }
    return disorder;
  }
}
