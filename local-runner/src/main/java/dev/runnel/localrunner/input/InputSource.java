package dev.runnel.localrunner.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A JSON-lines file to feed into one source stream: each non-blank line becomes one record, as is (a malformed line
 * is fed too; the stage's decoder sends it to the dead letters), except a line over Kinesis' record size limit, which
 * goes to the dead letters directly ({@link InputFeeder}).
 *
 * @param stream the stream to write to
 * @param label  where the lines come from, for messages
 * @param opener opens the lines; called once per feed
 */
public record InputSource(String stream, String label, Opener opener) {

  /** Opens the input's bytes. */
  @FunctionalInterface
  public interface Opener {
    /** A fresh stream over the input; the caller closes it. */
    InputStream open() throws IOException;
  }

  public InputSource {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(opener, "opener");
  }

  /** A file on disk; fails now if it cannot be read. */
  public static InputSource file(String stream, Path path) {
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException("input file for stream " + stream + " is not readable: " + path);
    }
    return new InputSource(stream, path.toString(), () -> Files.newInputStream(path));
  }

  /** The bundled resource {@code runnel/inputs/<job>/<stream>.jsonl}, if the class loader has it. */
  public static java.util.Optional<InputSource> bundled(String job, String stream, ClassLoader loader) {
    String resource = "runnel/inputs/" + job + "/" + stream + ".jsonl";
    if (loader.getResource(resource) == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new InputSource(stream, "classpath:" + resource, () -> {
      InputStream in = loader.getResourceAsStream(resource);
      if (in == null) {
        throw new UncheckedIOException(new IOException("resource vanished: " + resource));
      }
      return in;
    }));
  }

  /** Parses {@code stream=path}, as given on the command line. */
  public static InputSource parse(String assignment) {
    int equals = assignment.indexOf('=');
    if (equals <= 0 || equals == assignment.length() - 1) {
      throw new IllegalArgumentException("an input is written stream=path, not '" + assignment + "'");
    }
    return file(assignment.substring(0, equals), Path.of(assignment.substring(equals + 1)));
  }
}
