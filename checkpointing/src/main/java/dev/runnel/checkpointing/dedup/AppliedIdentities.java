package dev.runnel.checkpointing.dedup;

import dev.runnel.checkpointing.identity.RecordIdentity;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The dedup memory of one key of a keyed stage: which upstream record identities were already applied to the key, so
 * a copy of one of them (resent by a retried or zombie upstream invocation, with a new sequence number) is dropped.
 * It is stored inside the key's state item, so it stays small: see {@link #with} for what it forgets and when.
 *
 * <p>A value: {@link #with} returns a new memory and leaves this one unchanged. Everything it decides depends only on
 * the identities and arrival timestamps it is given, never on the clock, so a replay rebuilds the same memory.
 */
public final class AppliedIdentities {

  /**
   * How long after the memory first sees a producer commit past {@code s} a copy of {@code s} may still arrive: a
   * zombie producer invocation's write can land up to Lambda's 15-minute timeout late; one minute of slack on top.
   */
  public static final long ZOMBIE_HORIZON_MILLIS = 16 * 60_000L;

  /**
   * The most committed-position marks kept per producer. Merging a mark into a later one can only delay forgetting,
   * never hasten it; marks are merged within buckets of {@link #MARK_BUCKET_MILLIS}, so this is rarely reached.
   */
  public static final int MAX_MARKS_PER_PRODUCER = 16;

  /** The width of the time buckets in which a producer's marks are merged: forgetting is late by less than this. */
  public static final long MARK_BUCKET_MILLIS = ZOMBIE_HORIZON_MILLIS / (MAX_MARKS_PER_PRODUCER - 2);

  /** The memory of a key that has applied nothing. */
  public static final AppliedIdentities EMPTY = new AppliedIdentities(new TreeMap<>());

  private final TreeMap<String, ProducerMemory> producers;

  private AppliedIdentities(TreeMap<String, ProducerMemory> producers) {
    this.producers = producers;
  }

  /** True if this exact upstream output (same producer, sequence number and index) was applied and is remembered. */
  public boolean contains(RecordIdentity id) {
    ProducerMemory memory = producers.get(id.producer());
    return memory != null && memory.contains(new Entry(new BigInteger(id.sequenceNumber()), id.index()));
  }

  /**
   * True if {@code id} must not be applied: it is {@link #contains remembered}, or its input record is at or before
   * the producer's committed position this key has already seen. The second holds because a producer sends every
   * output of an input record, and has them acknowledged, before committing past it; so, with the stage's input read
   * in shard order (parents before children), the first copy reached this key before the record that carried the
   * commit. It also catches copies that arrive after {@link #ZOMBIE_HORIZON_MILLIS}, while the producer is remembered.
   */
  public boolean isDuplicate(RecordIdentity id) {
    if (contains(id)) {
      return true;
    }
    ProducerMemory memory = producers.get(id.producer());
    BigInteger watermark = memory == null ? null : memory.watermark();
    return watermark != null && new BigInteger(id.sequenceNumber()).compareTo(watermark) <= 0;
  }

  /**
   * The memory after applying {@code id}, which arrived at {@code arrivalMillis} (the record's Kinesis approximate
   * arrival timestamp, the same on every replay). An applied identity (producer P, sequence number s) is forgotten
   * once both (a) an identity from P applied here carried committed ≥ s, so P will never send s again, and (b)
   * {@code arrivalMillis} is more than {@link #ZOMBIE_HORIZON_MILLIS} after the arrival at which (a) was first seen.
   * Identities above P's committed position are kept. A producer with nothing left to remember is dropped.
   */
  public AppliedIdentities with(RecordIdentity id, long arrivalMillis) {
    String producer = id.producer();
    TreeMap<String, ProducerMemory> next = new TreeMap<>(producers);
    ProducerMemory memory = next.getOrDefault(producer, ProducerMemory.EMPTY)
        .with(new Entry(new BigInteger(id.sequenceNumber()), id.index()));
    if (!id.committed().equals(RecordIdentity.NOTHING_COMMITTED)) {
      memory = memory.seen(new BigInteger(id.committed()), arrivalMillis);
    }
    next.put(producer, memory);
    next.replaceAll((name, m) -> m.prunedAt(arrivalMillis));
    next.values().removeIf(m -> m.isForgettableAt(arrivalMillis));
    return new AppliedIdentities(next);
  }

  /** The number of applied identities remembered. */
  public int size() {
    int size = 0;
    for (ProducerMemory memory : producers.values()) {
      size += memory.entries.length;
    }
    return size;
  }

  /** The highest committed position of {@code producer} ({@code stage|shardId}) seen here, if it is remembered. */
  public Optional<String> watermark(String producer) {
    ProducerMemory memory = producers.get(producer);
    return Optional.ofNullable(memory == null ? null : memory.watermark()).map(BigInteger::toString);
  }

  /** This memory as plain data (records, lists, strings and longs), to store with the key's state. */
  public Data data() {
    List<ProducerData> data = new ArrayList<>(producers.size());
    producers.forEach((producer, memory) -> data.add(memory.data(producer)));
    return new Data(data);
  }

  /** The memory {@code data} describes; IllegalArgumentException if it is malformed. */
  public static AppliedIdentities from(Data data) {
    TreeMap<String, ProducerMemory> producers = new TreeMap<>();
    for (ProducerData producer : data.producers()) {
      if (producers.put(producer.producer(), ProducerMemory.from(producer)) != null) {
        throw new IllegalArgumentException("applied identities name producer " + producer.producer() + " twice");
      }
    }
    return new AppliedIdentities(producers);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AppliedIdentities that && data().equals(that.data());
  }

  @Override
  public int hashCode() {
    return data().hashCode();
  }

  @Override
  public String toString() {
    return "AppliedIdentities" + data();
  }

  /**
   * The stored form of {@link AppliedIdentities}.
   *
   * @param producers one entry per remembered producer, in producer order
   */
  public record Data(List<ProducerData> producers) {
    /** Copies the list; a null list means no producers. */
    public Data {
      producers = producers == null ? List.of() : List.copyOf(producers);
    }
  }

  /**
   * What is remembered of one producer.
   *
   * @param producer {@code stage|shardId}
   * @param marks    committed positions seen, increasing, each with the arrival at which it was first seen
   * @param applied  applied identities by input sequence number, increasing
   */
  public record ProducerData(String producer, List<MarkData> marks, List<AppliedData> applied) {
    /** Copies the lists; null lists are empty. */
    public ProducerData {
      Objects.requireNonNull(producer, "producer");
      marks = marks == null ? List.of() : List.copyOf(marks);
      applied = applied == null ? List.of() : List.copyOf(applied);
    }
  }

  /**
   * A committed position of a producer and the arrival timestamp at which this key first saw it (or a later one).
   *
   * @param committed the position, decimal digits
   * @param seenAt    arrival timestamp in epoch milliseconds
   */
  public record MarkData(String committed, long seenAt) {}

  /**
   * The applied outputs of one input record of a producer.
   *
   * @param sequenceNumber the input record's sequence number, decimal digits
   * @param indexes        the output indexes applied, increasing
   */
  public record AppliedData(String sequenceNumber, List<Long> indexes) {
    /** Copies the list. */
    public AppliedData {
      Objects.requireNonNull(sequenceNumber, "sequenceNumber");
      indexes = List.copyOf(indexes);
    }
  }

  /** One applied output: input sequence number and output index; ordered by both. */
  private record Entry(BigInteger sequenceNumber, int index) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry other) {
      int bySequence = sequenceNumber.compareTo(other.sequenceNumber);
      return bySequence != 0 ? bySequence : Integer.compare(index, other.index);
    }
  }

  /** A committed position first seen at {@code seenAt}. */
  private record Mark(BigInteger committed, long seenAt) {}

  /** What is remembered of one producer: sorted applied entries and increasing marks. Immutable. */
  private static final class ProducerMemory {
    static final ProducerMemory EMPTY = new ProducerMemory(new Entry[0], List.of());

    final Entry[] entries;
    final List<Mark> marks;

    ProducerMemory(Entry[] entries, List<Mark> marks) {
      this.entries = entries;
      this.marks = marks;
    }

    boolean contains(Entry entry) {
      return Arrays.binarySearch(entries, entry) >= 0;
    }

    BigInteger watermark() {
      return marks.isEmpty() ? null : marks.get(marks.size() - 1).committed();
    }

    ProducerMemory with(Entry entry) {
      int at = Arrays.binarySearch(entries, entry);
      if (at >= 0) {
        return this;
      }
      int insert = -at - 1;
      Entry[] next = new Entry[entries.length + 1];
      System.arraycopy(entries, 0, next, 0, insert);
      next[insert] = entry;
      System.arraycopy(entries, insert, next, insert + 1, entries.length - insert);
      return new ProducerMemory(next, marks);
    }

    /**
     * Records that {@code committed} was carried by a record arriving at {@code arrival}, if it is new. A new mark
     * seen in the same {@link #MARK_BUCKET_MILLIS} bucket as the last one replaces it: the entries the replaced mark
     * covered are then forgotten less than a bucket later than the exact rule says, never earlier.
     */
    ProducerMemory seen(BigInteger committed, long arrival) {
      BigInteger watermark = watermark();
      if (watermark != null && committed.compareTo(watermark) <= 0) {
        return this;
      }
      List<Mark> next = new ArrayList<>(marks.size() + 1);
      next.addAll(marks);
      // arrival timestamps are not monotonic: never let a later mark look older than an earlier one
      long seenAt = marks.isEmpty() ? arrival : Math.max(arrival, marks.get(marks.size() - 1).seenAt());
      Mark mark = new Mark(committed, seenAt);
      if (!next.isEmpty() && bucket(next.get(next.size() - 1).seenAt()) == bucket(seenAt)) {
        next.set(next.size() - 1, mark);
      } else {
        next.add(mark);
      }
      while (next.size() > MAX_MARKS_PER_PRODUCER) {
        next.remove(cheapestToMerge(next));
      }
      return new ProducerMemory(entries, List.copyOf(next));
    }

    private static long bucket(long millis) {
      return Math.floorDiv(millis, MARK_BUCKET_MILLIS);
    }

    /** The inner mark whose merge into its successor spans the shortest time (the first such); never the ends. */
    private static int cheapestToMerge(List<Mark> marks) {
      int best = 1;
      long bestSpan = Long.MAX_VALUE;
      for (int i = 1; i < marks.size() - 1; i++) {
        long span = marks.get(i + 1).seenAt() - marks.get(i - 1).seenAt();
        if (span < bestSpan) {
          best = i;
          bestSpan = span;
        }
      }
      return best;
    }

    /** Forgets the entries at or below the highest mark seen more than the horizon before {@code arrival}. */
    ProducerMemory prunedAt(long arrival) {
      int old = 0;
      while (old < marks.size() && arrival - marks.get(old).seenAt() > ZOMBIE_HORIZON_MILLIS) {
        old++;
      }
      if (old == 0) {
        return this;
      }
      BigInteger forgettable = marks.get(old - 1).committed();
      int keepFrom = -Arrays.binarySearch(entries, new Entry(forgettable, Integer.MAX_VALUE)) - 1;
      if (keepFrom == 0 && old == 1) {
        return this;
      }
      return new ProducerMemory(Arrays.copyOfRange(entries, keepFrom, entries.length),
          List.copyOf(marks.subList(old - 1, marks.size())));
    }

    /** True if nothing is left to remember at {@code arrival}: no entries, and no mark within the horizon. */
    boolean isForgettableAt(long arrival) {
      return entries.length == 0
          && (marks.isEmpty() || marks.size() == 1 && arrival - marks.get(0).seenAt() > ZOMBIE_HORIZON_MILLIS);
    }

    ProducerData data(String producer) {
      List<MarkData> markData = new ArrayList<>(marks.size());
      for (Mark mark : marks) {
        markData.add(new MarkData(mark.committed().toString(), mark.seenAt()));
      }
      List<AppliedData> applied = new ArrayList<>();
      int i = 0;
      while (i < entries.length) {
        BigInteger sequence = entries[i].sequenceNumber();
        List<Long> indexes = new ArrayList<>();
        for (; i < entries.length && entries[i].sequenceNumber().equals(sequence); i++) {
          indexes.add((long) entries[i].index());
        }
        applied.add(new AppliedData(sequence.toString(), indexes));
      }
      return new ProducerData(producer, markData, applied);
    }

    static ProducerMemory from(ProducerData data) {
      List<Mark> marks = new ArrayList<>(data.marks().size());
      for (MarkData mark : data.marks()) {
        Mark next = new Mark(decimal(mark.committed(), data.producer()), mark.seenAt());
        if (!marks.isEmpty() && next.committed().compareTo(marks.get(marks.size() - 1).committed()) <= 0) {
          throw new IllegalArgumentException("marks of producer " + data.producer() + " do not increase");
        }
        marks.add(next);
      }
      List<Entry> entries = new ArrayList<>();
      for (AppliedData applied : data.applied()) {
        BigInteger sequence = decimal(applied.sequenceNumber(), data.producer());
        for (long index : applied.indexes()) {
          if (index < 0 || index > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("output index " + index + " of producer " + data.producer()
                + " is out of range");
          }
          entries.add(new Entry(sequence, (int) index));
        }
      }
      Entry[] sorted = entries.stream().sorted().distinct().toArray(Entry[]::new);
      return new ProducerMemory(sorted, List.copyOf(marks));
    }

    private static BigInteger decimal(String value, String producer) {
      if (value == null || value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new IllegalArgumentException("position '" + value + "' of producer " + producer
            + " is not decimal digits");
      }
      return new BigInteger(value);
    }
  }
}
