package dev.runnel.functions.exactlyonce;

import dev.runnel.checkpointing.dedup.AppliedIdentities;
import dev.runnel.functions.state.KeyStateCodec;
import dev.runnel.statestore.statelog.StateLogStore;
import dev.runnel.statestore.timers.TimerEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The stored form of {@link ShardChanges}, a state log entry or snapshot (docs/state-log.md): deflated
 * ({@code java.util.zip}), of a format byte, the shard's dedup memory if present (its compact text), the times a
 * firing round fired through if any, the timer queue entries added (grouped by domain and time), then each key with its state as {@link KeyStateCodec} encodes it, or a removal. Split into parts of at most
 * {@link StateLogStore#MAX_PART_BYTES}.
 */
final class ShardStateCodec {
  private static final int FORMAT = 1;
  private static final int REMOVED = 0;
  private static final int STATE = 1;

  private final KeyStateCodec keys;

  ShardStateCodec(KeyStateCodec keys) {
    this.keys = keys;
  }

  /** The deflated bytes of {@code changes}. */
  byte[] encode(ShardChanges changes) {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(raw)) {
      out.writeByte(FORMAT);
      out.writeBoolean(changes.identities() != null);
      if (changes.identities() != null) {
        bytes(out, changes.identities().encode().getBytes(StandardCharsets.UTF_8));
      }
      out.writeBoolean(changes.firedThrough() != null);
      if (changes.firedThrough() != null) {
        out.writeLong(changes.firedThrough().watermark());
        out.writeLong(changes.firedThrough().processingTime());
      }
      // grouped by domain and time: many keys share a window end
      Map<TimerEntry.Domain, TreeMap<Long, List<String>>> groups = new EnumMap<>(TimerEntry.Domain.class);
      for (TimerEntry entry : changes.registered()) {
        groups.computeIfAbsent(entry.domain(), d -> new TreeMap<>())
            .computeIfAbsent(entry.time(), t -> new ArrayList<>()).add(entry.key());
      }
      out.writeInt(groups.values().stream().mapToInt(Map::size).sum());
      for (Map.Entry<TimerEntry.Domain, TreeMap<Long, List<String>>> domain : groups.entrySet()) {
        for (Map.Entry<Long, List<String>> group : domain.getValue().entrySet()) {
          out.writeBoolean(domain.getKey() == TimerEntry.Domain.EVENT_TIME);
          out.writeLong(group.getKey());
          out.writeInt(group.getValue().size());
          for (String key : group.getValue()) {
            bytes(out, key.getBytes(StandardCharsets.UTF_8));
          }
        }
      }
      out.writeInt(changes.keys().size());
      for (ShardChanges.KeyChange change : changes.keys()) {
        bytes(out, change.key().getBytes(StandardCharsets.UTF_8));
        out.writeByte(change.state() == null ? REMOVED : STATE);
        if (change.state() != null) {
          bytes(out, change.encoded());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return deflate(raw.toByteArray());
  }

  /** The changes {@link #encode} wrote; {@code what} names the items in an error. */
  ShardChanges decode(byte[] deflated, String what) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(inflate(deflated, what)))) {
      int format = in.readUnsignedByte();
      if (format != FORMAT) {
        throw new IOException("format " + format + " is not " + FORMAT);
      }
      AppliedIdentities identities = in.readBoolean()
          ? AppliedIdentities.decode(new String(bytes(in), StandardCharsets.UTF_8)) : null;
      ShardChanges.FiredThrough fired = in.readBoolean()
          ? new ShardChanges.FiredThrough(in.readLong(), in.readLong()) : null;
      int groups = in.readInt();
      List<TimerEntry> registered = new ArrayList<>();
      for (int g = 0; g < groups; g++) {
        TimerEntry.Domain domain = in.readBoolean() ? TimerEntry.Domain.EVENT_TIME : TimerEntry.Domain.PROCESSING_TIME;
        long time = in.readLong();
        for (int i = in.readInt(); i > 0; i--) {
          registered.add(new TimerEntry(domain, time, new String(bytes(in), StandardCharsets.UTF_8)));
        }
      }
      int count = in.readInt();
      List<ShardChanges.KeyChange> changes = new ArrayList<>(Math.min(count, 1 << 16));
      for (int i = 0; i < count; i++) {
        String key = new String(bytes(in), StandardCharsets.UTF_8);
        if (in.readUnsignedByte() == REMOVED) {
          changes.add(new ShardChanges.KeyChange(key, null, null));
        } else {
          byte[] encoded = bytes(in);
          changes.add(new ShardChanges.KeyChange(key, keys.decodeCommitted(key, null, encoded), encoded));
        }
      }
      return new ShardChanges(changes, identities, fired, registered);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read the state log items " + what + ": " + e.getMessage(), e);
    }
  }

  /** {@code bytes} in parts of at most {@link StateLogStore#MAX_PART_BYTES} (one, possibly empty, at least). */
  static List<byte[]> split(byte[] bytes) {
    List<byte[]> parts = new ArrayList<>();
    for (int from = 0; from < bytes.length || parts.isEmpty(); from += StateLogStore.MAX_PART_BYTES) {
      parts.add(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + StateLogStore.MAX_PART_BYTES)));
    }
    return parts;
  }

  /** The parts joined again. */
  static byte[] join(List<byte[]> parts) {
    int size = parts.stream().mapToInt(p -> p.length).sum();
    byte[] joined = new byte[size];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, joined, at, part.length);
      at += part.length;
    }
    return joined;
  }

  private static void bytes(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] bytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      throw new IOException("negative length " + length);
    }
    return in.readNBytes(length);
  }

  private static byte[] deflate(byte[] raw) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    try {
      deflater.setInput(raw);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw.length / 4));
      byte[] buffer = new byte[8192];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  private static byte[] inflate(byte[] deflated, String what) throws IOException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(deflated);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, deflated.length * 4));
      byte[] buffer = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new IOException("the deflated bytes of " + what + " end early");
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new IOException("the bytes of " + what + " are not deflated data: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }
}
