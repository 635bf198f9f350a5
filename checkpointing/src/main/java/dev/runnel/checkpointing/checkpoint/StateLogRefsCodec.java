package dev.runnel.checkpointing.checkpoint;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link StateLogRefs} as the few bytes the checkpoint item carries in every commit: a format byte (1), a flag byte
 * (1: a snapshot follows), the snapshot, a count, then the entries. Each logged item is its revision (the first as a
 * varint, each next one as a zigzag varint difference from the one before, usually one byte), its attempt id (a
 * length byte and ASCII characters), its parts and its bytes (varints): 13 bytes for an 8-character attempt and a few KB.
 */
final class StateLogRefsCodec {
  private static final int FORMAT = 1;

  private StateLogRefsCodec() {}

  static byte[] encode(StateLogRefs refs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 + 16 * refs.log().size());
    out.write(FORMAT);
    long previous = 0;
    if (refs.snapshot() != null) {
      out.write(1);
      previous = write(out, refs.snapshot(), previous);
    } else {
      out.write(0);
    }
    varint(out, refs.log().size());
    for (StateLogRefs.Logged entry : refs.log()) {
      previous = write(out, entry, previous);
    }
    return out.toByteArray();
  }

  /** Decodes {@code bytes}; IllegalArgumentException saying what is wrong if they are not refs of this format. */
  static StateLogRefs decode(byte[] bytes) {
    Reader in = new Reader(bytes);
    int format = in.readByte();
    if (format != FORMAT) {
      throw new IllegalArgumentException("state log refs in format " + format + ", this runtime reads format "
          + FORMAT);
    }
    int flags = in.readByte();
    long[] previous = {0};
    StateLogRefs.Logged snapshot = (flags & 1) != 0 ? in.logged(previous) : null;
    long count = in.varint();
    if (count > bytes.length) {
      throw new IllegalArgumentException("state log refs claim " + count + " entries in " + bytes.length + " bytes");
    }
    List<StateLogRefs.Logged> log = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      log.add(in.logged(previous));
    }
    if (in.position < bytes.length) {
      throw new IllegalArgumentException("state log refs have " + (bytes.length - in.position)
          + " bytes after their last entry");
    }
    return new StateLogRefs(snapshot, log);
  }

  private static long write(ByteArrayOutputStream out, StateLogRefs.Logged logged, long previous) {
    long delta = logged.revision() - previous;
    varint(out, previous == 0 ? logged.revision() : (delta << 1) ^ (delta >> 63));
    byte[] attempt = logged.attempt().getBytes(StandardCharsets.US_ASCII);
    if (attempt.length > 255) {
      throw new IllegalArgumentException("an attempt id has at most 255 characters, not " + attempt.length);
    }
    out.write(attempt.length);
    out.write(attempt, 0, attempt.length);
    varint(out, logged.parts());
    varint(out, logged.bytes());
    return logged.revision();
  }

  private static void varint(ByteArrayOutputStream out, long value) {
    long rest = value;
    while ((rest & ~0x7FL) != 0) {
      out.write((int) ((rest & 0x7F) | 0x80));
      rest >>>= 7;
    }
    out.write((int) rest);
  }

  /** Reads one encoding from its start. */
  private static final class Reader {
    private final byte[] bytes;
    private int position;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    int readByte() {
      if (position >= bytes.length) {
        throw new IllegalArgumentException("state log refs end early, after " + bytes.length + " bytes");
      }
      return bytes[position++] & 0xFF;
    }

    long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = readByte();
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("state log refs hold a number longer than 64 bits");
    }

    StateLogRefs.Logged logged(long[] previous) {
      long coded = varint();
      long revision = previous[0] == 0 ? coded : previous[0] + ((coded >>> 1) ^ -(coded & 1));
      int length = readByte();
      if (position + length > bytes.length) {
        throw new IllegalArgumentException("state log refs end inside an attempt id");
      }
      String attempt = new String(bytes, position, length, StandardCharsets.US_ASCII);
      position += length;
      long parts = varint();
      long size = varint();
      if (parts > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("state log refs name " + parts + " parts");
      }
      previous[0] = revision;
      return new StateLogRefs.Logged(revision, attempt, (int) parts, size);
    }
  }
}
