package dev.runnel.checkpointing.dedup;

import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.checkpointing.identity.SequenceNumberOrder;
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
 * <p>A value: {@link #with} returns a new memory and leaves this one unchanged (or this one itself when nothing
 * changed). It depends only on the identities it is given, so a replay rebuilds the same memory. Sequence numbers are
 * kept and compared as decimal text ({@link SequenceNumberOrder}), and the compact text form is made once per memory.
 */
public final class AppliedIdentities {

  /** The memory of a key that has applied nothing. */
  public static final AppliedIdentities EMPTY = new AppliedIdentities(new TreeMap<>());

  private final TreeMap<String, ProducerMemory> producers;
  /** The compact text form, made on first use (or the text this memory was decoded from). */
  private String encoded;

  private AppliedIdentities(TreeMap<String, ProducerMemory> producers) {
    this.producers = producers;
  }

  private AppliedIdentities(TreeMap<String, ProducerMemory> producers, String encoded) {
    this.producers = producers;
    this.encoded = encoded;
  }

  /** True if this exact upstream output (same producer, sequence number and index) is remembered above the watermark. */
  public boolean contains(RecordIdentity id) {
    ProducerMemory memory = producers.get(id.producer());
    return memory != null && memory.contains(new Entry(SequenceNumberOrder.canonical(id.sequenceNumber()), id.index()));
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
        && SequenceNumberOrder.compare(id.sequenceNumber(), memory.watermark) <= 0;
  }

  /**
   * The memory after applying {@code id}: the identity is remembered, the producer's watermark rises to the committed
   * position {@code id} carries (if higher), and identities at or below the watermark are forgotten.
   */
  public AppliedIdentities with(RecordIdentity id) {
    String producer = id.producer();
    ProducerMemory before = producers.getOrDefault(producer, ProducerMemory.EMPTY);
    ProducerMemory memory = before.with(new Entry(SequenceNumberOrder.canonical(id.sequenceNumber()), id.index()));
    if (!id.committed().equals(RecordIdentity.NOTHING_COMMITTED)) {
      memory = memory.committedThrough(SequenceNumberOrder.canonical(id.committed()));
    }
    if (memory == before && producers.containsKey(producer)) {
      return this;
    }
    TreeMap<String, ProducerMemory> next = new TreeMap<>(producers);
    next.put(producer, memory);
    return new AppliedIdentities(next);
  }

  /**
   * This memory after {@code changed} (what a batch added: per producer its watermark now and identities remembered
   * since): per producer of {@code changed}, the higher watermark, and the identities either remembers above it. One
   * merge of sorted entries per changed producer; producers {@code changed} does not name stay as they are.
   */
  public AppliedIdentities plus(AppliedIdentities changed) {
    if (changed.producers.isEmpty()) {
      return this;
    }
    TreeMap<String, ProducerMemory> next = new TreeMap<>(producers);
    changed.producers.forEach((producer, delta) ->
        next.put(producer, producers.getOrDefault(producer, ProducerMemory.EMPTY).plus(delta)));
    return new AppliedIdentities(next);
  }

  /** The memory of one producer, for a {@link WorkingIdentities} to build on. */
  ProducerMemory producer(String producer) {
    return producers.getOrDefault(producer, ProducerMemory.EMPTY);
  }

  /** A memory of the given producers (sorted entries above their watermarks). */
  static AppliedIdentities of(TreeMap<String, ProducerMemory> producers) {
    return new AppliedIdentities(producers);
  }

  /** True when nothing is remembered: no producer, no watermark. */
  public boolean isEmpty() {
    return producers.isEmpty();
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
    return Optional.ofNullable(memory == null ? null : memory.watermark);
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
    if (encoded == null) {
      encoded = encodeNow();
    }
    return encoded;
  }

  private String encodeNow() {
    StringBuilder text = new StringBuilder();
    producers.forEach((producer, memory) -> {
      if (producer.indexOf('!') >= 0 || producer.indexOf('~') >= 0) {
        throw new IllegalArgumentException("producer name " + producer + " contains '!' or '~'");
      }
      if (text.length() > 0) {
        text.append('!');
      }
      text.append(producer).append('~').append(memory.watermark == null ? "" : memory.watermark).append('~');
      String previous = memory.watermark == null ? "0" : memory.watermark;
      for (int i = 0; i < memory.entries.length; i++) {
        Entry entry = memory.entries[i];
        if (i > 0) {
          text.append(',');
        }
        text.append(DecimalDelta.base36Difference(entry.sequenceNumber(), previous));
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
      return new AppliedIdentities(producers, text);
    }
    for (String part : text.split("!", -1)) {
      String[] fields = part.split("~", -1);
      if (fields.length != 3 || fields[0].isEmpty()) {
        throw new IllegalArgumentException("not an encoded dedup memory: " + part);
      }
      String watermark = fields[1].isEmpty() ? null : decimal(fields[1]);
      List<AppliedData> applied = new ArrayList<>();
      String previous = watermark == null ? "0" : watermark;
      if (!fields[2].isEmpty()) {
        for (String entry : fields[2].split(",", -1)) {
          int colon = entry.indexOf(':');
          String sequence = DecimalDelta.plusBase36(previous, colon < 0 ? entry : entry.substring(0, colon));
          long index = colon < 0 ? 0 : Long.parseLong(entry.substring(colon + 1));
          if (!applied.isEmpty() && applied.get(applied.size() - 1).sequenceNumber().equals(sequence)) {
            AppliedData last = applied.remove(applied.size() - 1);
            List<Long> indexes = new ArrayList<>(last.indexes());
            indexes.add(index);
            applied.add(new AppliedData(last.sequenceNumber(), indexes));
          } else {
            applied.add(new AppliedData(sequence, List.of(index)));
          }
          previous = sequence;
        }
      }
      ProducerData data = new ProducerData(fields[0], watermark, applied);
      if (producers.put(fields[0], ProducerMemory.from(data)) != null) {
        throw new IllegalArgumentException("encoded dedup memory names producer " + fields[0] + " twice");
      }
    }
    return new AppliedIdentities(producers, text);
  }

  /** {@code text} as canonical decimal digits; rejects anything else. */
  private static String decimal(String text) {
    if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new NumberFormatException("'" + text + "' is not a decimal number");
    }
    return SequenceNumberOrder.canonical(text);
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

  /** One applied output: its input's sequence number (canonical decimal digits) and its index. */
  record Entry(String sequenceNumber, int index) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry other) {
      int bySequence = SequenceNumberOrder.compare(sequenceNumber, other.sequenceNumber);
      return bySequence != 0 ? bySequence : Integer.compare(index, other.index);
    }
  }

  /** One producer's watermark and the sorted identities applied above it. */
  static final class ProducerMemory {
    static final ProducerMemory EMPTY = new ProducerMemory(new Entry[0], null);

    final Entry[] entries;
    /** Canonical decimal digits, or null. */
    final String watermark;

    ProducerMemory(Entry[] entries, String watermark) {
      this.entries = entries;
      this.watermark = watermark;
    }

    boolean contains(Entry entry) {
      return Arrays.binarySearch(entries, entry) >= 0;
    }

    ProducerMemory with(Entry entry) {
      if (watermark != null && SequenceNumberOrder.compare(entry.sequenceNumber(), watermark) <= 0) {
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

    /** This memory and {@code other}'s: the higher watermark, the entries of both above it. */
    ProducerMemory plus(ProducerMemory other) {
      String mark = higher(watermark, other.watermark);
      Entry[] merged = new Entry[entries.length + other.entries.length];
      int i = 0;
      int j = 0;
      int n = 0;
      while (i < entries.length || j < other.entries.length) {
        Entry next;
        if (j >= other.entries.length) {
          next = entries[i++];
        } else if (i >= entries.length) {
          next = other.entries[j++];
        } else {
          int order = entries[i].compareTo(other.entries[j]);
          next = order <= 0 ? entries[i++] : other.entries[j++];
          if (order == 0) {
            j++;
          }
        }
        if (mark == null || SequenceNumberOrder.compare(next.sequenceNumber(), mark) > 0) {
          merged[n++] = next;
        }
      }
      return new ProducerMemory(n == merged.length ? merged : Arrays.copyOf(merged, n), mark);
    }

    /** The higher of two watermarks, either possibly null (none). */
    static String higher(String a, String b) {
      return a == null ? b : b == null ? a : SequenceNumberOrder.compare(a, b) >= 0 ? a : b;
    }

    ProducerMemory committedThrough(String committed) {
      if (watermark != null && SequenceNumberOrder.compare(committed, watermark) <= 0) {
        return this;
      }
      int keepFrom = -Arrays.binarySearch(entries, new Entry(committed, Integer.MAX_VALUE)) - 1;
      return new ProducerMemory(Arrays.copyOfRange(entries, keepFrom, entries.length), committed);
    }

    ProducerData data(String producer) {
      List<AppliedData> applied = new ArrayList<>();
      int i = 0;
      while (i < entries.length) {
        String sequence = entries[i].sequenceNumber();
        List<Long> indexes = new ArrayList<>();
        while (i < entries.length && entries[i].sequenceNumber().equals(sequence)) {
          indexes.add((long) entries[i].index());
          i++;
        }
        applied.add(new AppliedData(sequence, indexes));
      }
      return new ProducerData(producer, watermark, applied);
    }

    static ProducerMemory from(ProducerData data) {
      String watermark = data.watermark() == null ? null : decimal(data.watermark());
      List<Entry> entries = new ArrayList<>();
      for (AppliedData applied : data.applied()) {
        String sequence = decimal(applied.sequenceNumber());
        if (watermark != null && SequenceNumberOrder.compare(sequence, watermark) <= 0) {
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
