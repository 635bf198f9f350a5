package dev.runnel.checkpointing.dedup;

import dev.runnel.checkpointing.identity.RecordIdentity;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The dedup memory of one key of a keyed stage: which upstream record identities were already applied to the key, so
 * that a copy of one of them (resent by a retried, re-split or zombie upstream invocation, with a new sequence
 * number) is dropped. It is stored inside the key's state item, so it stays small.
 *
 * <p>Per upstream producer (stage and shard) it keeps a <em>watermark</em>, the highest committed position of that
 * producer carried by an identity applied here, and the identities applied above it. Everything at or below the
 * watermark is a duplicate (see {@link #isDuplicate}), so identities there are forgotten at once: the memory holds at
 * most the producer's outputs that were not yet committed when they were sent. Watermarks are never forgotten; there
 * is one per upstream shard.
 *
 * <p>A value: {@link #with} returns a new memory and leaves this one unchanged. It depends only on the identities it
 * is given, so a replay rebuilds the same memory.
 */
public final class AppliedIdentities {

  /** The memory of a key that has applied nothing. */
  public static final AppliedIdentities EMPTY = new AppliedIdentities(new TreeMap<>());

  private final TreeMap<String, ProducerMemory> producers;

  private AppliedIdentities(TreeMap<String, ProducerMemory> producers) {
    this.producers = producers;
  }

  /** True if this exact upstream output (same producer, sequence number and index) is remembered above the watermark. */
  public boolean contains(RecordIdentity id) {
    ProducerMemory memory = producers.get(id.producer());
    return memory != null && memory.contains(new Entry(new BigInteger(id.sequenceNumber()), id.index()));
  }

  /**
   * True if {@code id} must not be applied: it is {@link #contains remembered}, or its input record is at or before
   * the producer's committed position this key has already seen. The second holds because a producer sends every
   * output of an input record, and has them acknowledged, before committing past it; so, with the stage's input read
   * in shard order (parents before children), the first copy reached this key before the record that carried the
   * commit. It also catches a copy sent arbitrarily late, by a zombie or by a warm instance whose cache was stale.
   */
  public boolean isDuplicate(RecordIdentity id) {
    if (contains(id)) {
      return true;
    }
    ProducerMemory memory = producers.get(id.producer());
    return memory != null && memory.watermark != null
        && new BigInteger(id.sequenceNumber()).compareTo(memory.watermark) <= 0;
  }

  /**
   * The memory after applying {@code id}: the identity is remembered, the producer's watermark rises to the committed
   * position {@code id} carries (if higher), and identities at or below the watermark are forgotten.
   */
  public AppliedIdentities with(RecordIdentity id) {
    String producer = id.producer();
    TreeMap<String, ProducerMemory> next = new TreeMap<>(producers);
    ProducerMemory memory = next.getOrDefault(producer, ProducerMemory.EMPTY)
        .with(new Entry(new BigInteger(id.sequenceNumber()), id.index()));
    if (!id.committed().equals(RecordIdentity.NOTHING_COMMITTED)) {
      memory = memory.committedThrough(new BigInteger(id.committed()));
    }
    next.put(producer, memory);
    return new AppliedIdentities(next);
  }

  /** The number of applied identities remembered (above the watermarks). */
  public int size() {
    int size = 0;
    for (ProducerMemory memory : producers.values()) {
      size += memory.entries.length;
    }
    return size;
  }

  /** The highest committed position of {@code producer} ({@code stage|shardId}) seen here, if any. */
  public Optional<String> watermark(String producer) {
    ProducerMemory memory = producers.get(producer);
    return Optional.ofNullable(memory == null ? null : memory.watermark).map(BigInteger::toString);
  }

  /** The plain data form, for storing inside a key's state item. */
  public Data data() {
    List<ProducerData> data = new ArrayList<>(producers.size());
    producers.forEach((producer, memory) -> data.add(memory.data(producer)));
    return new Data(data);
  }

  /**
   * The compact text form stored in a key's state item, where every byte costs write units: per producer
   * {@code producer~watermark~entries}, producers joined by {@code !}; entries are base-36 deltas of sequence numbers
   * from the previous entry (the first from the watermark), each followed by {@code :index} unless the index is 0.
   */
  public String encode() {
    StringBuilder text = new StringBuilder();
    producers.forEach((producer, memory) -> {
      if (producer.indexOf('!') >= 0 || producer.indexOf('~') >= 0) {
        throw new IllegalArgumentException("producer name " + producer + " contains '!' or '~'");
      }
      if (text.length() > 0) {
        text.append('!');
      }
      text.append(producer).append('~').append(memory.watermark == null ? "" : memory.watermark.toString())
          .append('~');
      BigInteger previous = memory.watermark == null ? BigInteger.ZERO : memory.watermark;
      for (int i = 0; i < memory.entries.length; i++) {
        Entry entry = memory.entries[i];
        if (i > 0) {
          text.append(',');
        }
        text.append(entry.sequenceNumber().subtract(previous).toString(Character.MAX_RADIX));
        if (entry.index() != 0) {
          text.append(':').append(entry.index());
        }
        previous = entry.sequenceNumber();
      }
    });
    return text.toString();
  }

  /** A memory from its {@link #encode() compact text form}; rejects malformed text. */
  public static AppliedIdentities decode(String text) {
    TreeMap<String, ProducerMemory> producers = new TreeMap<>();
    if (text.isEmpty()) {
      return new AppliedIdentities(producers);
    }
    for (String part : text.split("!", -1)) {
      String[] fields = part.split("~", -1);
      if (fields.length != 3 || fields[0].isEmpty()) {
        throw new IllegalArgumentException("not an encoded dedup memory: " + part);
      }
      BigInteger watermark = fields[1].isEmpty() ? null : new BigInteger(fields[1]);
      List<AppliedData> applied = new ArrayList<>();
      BigInteger previous = watermark == null ? BigInteger.ZERO : watermark;
      if (!fields[2].isEmpty()) {
        for (String entry : fields[2].split(",", -1)) {
          int colon = entry.indexOf(':');
          BigInteger sequence = previous.add(new BigInteger(colon < 0 ? entry : entry.substring(0, colon),
              Character.MAX_RADIX));
          long index = colon < 0 ? 0 : Long.parseLong(entry.substring(colon + 1));
          if (!applied.isEmpty() && applied.get(applied.size() - 1).sequenceNumber().equals(sequence.toString())) {
            AppliedData last = applied.remove(applied.size() - 1);
            List<Long> indexes = new ArrayList<>(last.indexes());
            indexes.add(index);
            applied.add(new AppliedData(last.sequenceNumber(), indexes));
          } else {
            applied.add(new AppliedData(sequence.toString(), List.of(index)));
          }
          previous = sequence;
        }
      }
      ProducerData data = new ProducerData(fields[0], watermark == null ? null : watermark.toString(), applied);
      if (producers.put(fields[0], ProducerMemory.from(data)) != null) {
        throw new IllegalArgumentException("encoded dedup memory names producer " + fields[0] + " twice");
      }
    }
    return new AppliedIdentities(producers);
  }

  /** A memory from its data form; rejects malformed data. */
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
   * The stored form: one entry per producer.
   *
   * @param producers the producers, in name order
   */
  public record Data(List<ProducerData> producers) {
    public Data {
      producers = producers == null ? List.of() : List.copyOf(producers);
    }
  }

  /**
   * What is remembered of one producer.
   *
   * @param producer  {@code stage|shardId}
   * @param watermark the highest committed position seen, or null
   * @param applied   the identities applied above the watermark, by sequence number
   */
  public record ProducerData(String producer, String watermark, List<AppliedData> applied) {
    public ProducerData {
      Objects.requireNonNull(producer, "producer");
      applied = applied == null ? List.of() : List.copyOf(applied);
    }
  }

  /**
   * The applied outputs of one input record of a producer.
   *
   * @param sequenceNumber the producer's input sequence number
   * @param indexes        the output indexes applied
   */
  public record AppliedData(String sequenceNumber, List<Long> indexes) {
    public AppliedData {
      Objects.requireNonNull(sequenceNumber, "sequenceNumber");
      indexes = List.copyOf(indexes);
    }
  }

  private record Entry(BigInteger sequenceNumber, int index) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry other) {
      int bySequence = sequenceNumber.compareTo(other.sequenceNumber);
      return bySequence != 0 ? bySequence : Integer.compare(index, other.index);
    }
  }

  /** One producer's watermark and the sorted identities applied above it. */
  private static final class ProducerMemory {
    static final ProducerMemory EMPTY = new ProducerMemory(new Entry[0], null);

    final Entry[] entries;
    final BigInteger watermark;

    ProducerMemory(Entry[] entries, BigInteger watermark) {
      this.entries = entries;
      this.watermark = watermark;
    }

    boolean contains(Entry entry) {
      return Arrays.binarySearch(entries, entry) >= 0;
    }

    ProducerMemory with(Entry entry) {
      if (watermark != null && entry.sequenceNumber().compareTo(watermark) <= 0) {
        return this; // covered by the watermark already
      }
      int at = Arrays.binarySearch(entries, entry);
      if (at >= 0) {
        return this;
      }
      int insert = -at - 1;
      Entry[] next = new Entry[entries.length + 1];
      System.arraycopy(entries, 0, next, 0, insert);
      next[insert] = entry;
      System.arraycopy(entries, insert, next, insert + 1, entries.length - insert);
      return new ProducerMemory(next, watermark);
    }

    ProducerMemory committedThrough(BigInteger committed) {
      if (watermark != null && committed.compareTo(watermark) <= 0) {
        return this;
      }
      int keepFrom = -Arrays.binarySearch(entries, new Entry(committed, Integer.MAX_VALUE)) - 1;
      return new ProducerMemory(Arrays.copyOfRange(entries, keepFrom, entries.length), committed);
    }

    ProducerData data(String producer) {
      List<AppliedData> applied = new ArrayList<>();
      int i = 0;
      while (i < entries.length) {
        BigInteger sequence = entries[i].sequenceNumber();
        List<Long> indexes = new ArrayList<>();
        while (i < entries.length && entries[i].sequenceNumber().equals(sequence)) {
          indexes.add((long) entries[i].index());
          i++;
        }
        applied.add(new AppliedData(sequence.toString(), indexes));
      }
      return new ProducerData(producer, watermark == null ? null : watermark.toString(), applied);
    }

    static ProducerMemory from(ProducerData data) {
      BigInteger watermark = data.watermark() == null ? null : new BigInteger(data.watermark());
      List<Entry> entries = new ArrayList<>();
      for (AppliedData applied : data.applied()) {
        BigInteger sequence = new BigInteger(applied.sequenceNumber());
        if (watermark != null && sequence.compareTo(watermark) <= 0) {
          throw new IllegalArgumentException("producer " + data.producer() + " remembers " + sequence
              + " at or below its watermark " + watermark);
        }
        for (long index : applied.indexes()) {
          if (index < 0 || index > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("producer " + data.producer() + " has output index " + index);
          }
          entries.add(new Entry(sequence, (int) index));
        }
      }
      Entry[] sorted = entries.toArray(new Entry[0]);
      Arrays.sort(sorted);
      for (int i = 1; i < sorted.length; i++) {
        if (sorted[i].equals(sorted[i - 1])) {
          throw new IllegalArgumentException("producer " + data.producer() + " remembers " + sorted[i] + " twice");
        }
      }
      return new ProducerMemory(sorted, watermark);
    }
  }
}
