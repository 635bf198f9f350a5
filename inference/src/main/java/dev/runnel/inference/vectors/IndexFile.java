package dev.runnel.inference.vectors;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The file format of a saved {@link VectorIndex}, binary and big-endian ({@link DataOutputStream}): the magic
 * {@code RNVX}, format version 1, dimension, count; then per vector its id, its field count, each field's name and
 * value, and its normalised floats. Strings are an int byte length and UTF-8 bytes.
 */
final class IndexFile {
  private static final int MAGIC = 0x524E5658; // "RNVX"
  private static final int VERSION = 1;

  private IndexFile() {}

  /** Writes {@code vectors} of {@code dimension} to {@code file}, through a temporary file moved into place. */
  static void write(Path file, int dimension, Collection<IndexedVector> vectors) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
    try {
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary)))) {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(dimension);
        out.writeInt(vectors.size());
        for (IndexedVector vector : vectors) {
          writeString(out, vector.id());
          out.writeInt(vector.fields().size());
          for (Map.Entry<String, String> field : vector.fields().entrySet()) {
            writeString(out, field.getKey());
            writeString(out, field.getValue());
          }
          for (float value : vector.unit()) {
            out.writeFloat(value);
          }
        }
      }
      Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Reads {@code file}, handing each vector to {@code sink}. */
  static void read(Path file, Consumer<IndexedVector> sink) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != MAGIC) {
        throw new IOException(file + " is not a saved vector index");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException(file + " has vector index format " + version + "; this version reads " + VERSION);
      }
      int dimension = in.readInt();
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        String id = readString(in);
        int fieldCount = in.readInt();
        Map<String, String> fields = new LinkedHashMap<>();
        for (int f = 0; f < fieldCount; f++) {
          fields.put(readString(in), readString(in));
        }
        float[] unit = new float[dimension];
        for (int d = 0; d < dimension; d++) {
          unit[d] = in.readFloat();
        }
        sink.accept(new IndexedVector(id, unit, Map.copyOf(fields)));
      }
    }
  }

  private static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      throw new IOException("corrupt vector index: a string of " + length + " bytes");
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
