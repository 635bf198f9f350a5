package dev.runnel.functions.aggregate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire format of an aggregate record: the magic bytes {@code 00 52 41 31} ("\0RA1", which no JSON payload starts
 * with), the sub-record count, then per sub-record its partition key, explicit hash key and data, each a length
 * (unsigned LEB128 varint) and its bytes. At most {@link #MAX_SUB_RECORDS} sub-records (a sub-record's position is
 * the aggregate's sequence number × 10^4 + its index, {@link SubRecordPosition}) and {@link #MAX_DATA_BYTES} bytes.
 */
public final class AggregateRecord {
  /** Sub-records per aggregate: indexes 0-9,999 fit the 4 decimal digits a position gives them. */
  public static final int MAX_SUB_RECORDS = SubRecordPosition.SUB_RECORDS_PER_RECORD;
  /**
   * Bytes of an aggregate's data: a Kinesis record (data and partition key) is at most 1 MiB; the rest is left for the
   * aggregate's partition key.
   */
  public static final int MAX_DATA_BYTES = 1024 * 1024 - 256;
  /** The partition key of every aggregate: its explicit hash key routes it; its sub-records carry their own keys. */
  public static final String PARTITION_KEY = "a1";

  private static final byte[] MAGIC = {0, 'R', 'A', '1'};

  private AggregateRecord() {}

  /** True when {@code data} is an aggregate (starts with the magic bytes). */
  public static boolean isAggregate(byte[] data) {
    if (data.length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (data[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /** The bytes a sub-record adds to an aggregate: what a producer counts against the limit. */
  public static int framedSize(SubRecord record) {
    int key = utf8Length(record.partitionKey());
    int hash = record.explicitHashKey().length();
    return varintSize(key) + key + varintSize(hash) + hash + varintSize(record.data().length) + record.data().length;
  }

  /** The bytes of an aggregate of {@code count} sub-records whose framed sizes add up to {@code framed}. */
  public static int size(int count, long framed) {
    return (int) Math.min(Integer.MAX_VALUE, MAGIC.length + varintSize(count) + framed);
  }

  /**
   * The aggregate of {@code records}, in order.
   *
   * @throws IllegalArgumentException when they are none, more than {@link #MAX_SUB_RECORDS}, or over
   *                                  {@link #MAX_DATA_BYTES}
   */
  public static byte[] encode(List<SubRecord> records) {
    if (records.isEmpty() || records.size() > MAX_SUB_RECORDS) {
      throw new IllegalArgumentException("an aggregate holds 1 to " + MAX_SUB_RECORDS + " sub-records, not "
          + records.size());
    }
    long framed = 0;
    for (SubRecord record : records) {
      framed += framedSize(record);
    }
    int size = size(records.size(), framed);
    if (size > MAX_DATA_BYTES) {
      throw new IllegalArgumentException("an aggregate of " + records.size() + " sub-records would be " + size
          + " bytes, over the " + MAX_DATA_BYTES + " a Kinesis record allows");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    out.writeBytes(MAGIC);
    writeVarint(out, records.size());
    for (SubRecord record : records) {
      writeBytes(out, record.partitionKey().getBytes(StandardCharsets.UTF_8));
      writeBytes(out, record.explicitHashKey().getBytes(StandardCharsets.US_ASCII));
      writeBytes(out, record.data());
    }
    return out.toByteArray();
  }

  /**
   * The sub-records of an aggregate, in order.
   *
   * @throws IllegalArgumentException when {@code data} is not a whole, well-formed aggregate
   */
  public static List<SubRecord> decode(byte[] data) {
    if (!isAggregate(data)) {
      throw new IllegalArgumentException("not an aggregate record: it does not start with the magic bytes");
    }
    Reader in = new Reader(data, MAGIC.length);
    int count = in.varint();
    if (count < 1 || count > MAX_SUB_RECORDS) {
      throw new IllegalArgumentException("an aggregate record says it holds " + count + " sub-records; 1 to "
          + MAX_SUB_RECORDS + " are allowed");
    }
    List<SubRecord> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String key = new String(in.bytes(), StandardCharsets.UTF_8);
      String hash = new String(in.bytes(), StandardCharsets.US_ASCII);
      records.add(new SubRecord(key, hash, in.bytes()));
    }
    if (in.at != data.length) {
      throw new IllegalArgumentException("an aggregate record has " + (data.length - in.at)
          + " bytes after its " + count + " sub-records");
    }
    return records;
  }

  private static void writeBytes(ByteArrayOutputStream out, byte[] bytes) {
    writeVarint(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static void writeVarint(ByteArrayOutputStream out, int value) {
    int rest = value;
    while ((rest & ~0x7F) != 0) {
      out.write((rest & 0x7F) | 0x80);
      rest >>>= 7;
    }
    out.write(rest);
  }

  private static int varintSize(int value) {
    int size = 1;
    int rest = value >>> 7;
    while (rest != 0) {
      size++;
      rest >>>= 7;
    }
    return size;
  }

  private static int utf8Length(String text) {
    int length = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        length++;
      } else if (c < 0x800) {
        length += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        length += 4;
        i++;
      } else {
        length += 3;
      }
    }
    return length;
  }

  /** Reads lengths and byte runs, refusing to run past the end. */
  private static final class Reader {
    private final byte[] data;
    private int at;

    Reader(byte[] data, int at) {
      this.data = data;
      this.at = at;
    }

    int varint() {
      int value = 0;
      for (int shift = 0; shift < 32; shift += 7) {
        if (at >= data.length) {
          throw new IllegalArgumentException("an aggregate record ends inside a length");
        }
        int b = data[at++] & 0xFF;
        value |= (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          if (value < 0) {
            break;
          }
          return value;
        }
      }
      throw new IllegalArgumentException("an aggregate record has a length that is not a 31-bit number");
    }

    byte[] bytes() {
      int length = varint();
      if (length > data.length - at) {
        throw new IllegalArgumentException("an aggregate record ends " + (length - (data.length - at))
            + " bytes before the end of a sub-record");
      }
      byte[] bytes = new byte[length];
      System.arraycopy(data, at, bytes, 0, length);
      at += length;
      return bytes;
    }
  }
}
