package dev.runnel.deploytests.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The code package uploaded for every function: a small placeholder zip. The emulators create functions but never
 * run them (moto cannot run Lambda code without Docker); the local event source mapping runs the real handler
 * in process instead.
 */
public final class FunctionPackage {
  private FunctionPackage() {}

  /** The zip's bytes. */
  public static byte[] placeholder() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("README.txt"));
      zip.write(("Placeholder code of a Runnel deployment test: the stage handlers run in the local event source "
          + "mapping, not here.\n").getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
