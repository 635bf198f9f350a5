package dev.runnel.emulators;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * DynamoDB Local's SQLite native library (sqlite4java), copied once out of its jar into
 * {@code <tools>/dynamodb-local/native/<os>-<arch>/} and loaded from there. Left to itself, DynamoDB Local extracts a
 * new copy into {@code java.io.tmpdir} at every start and deletes it only at a normal JVM exit, so killed runs leave
 * them in {@code /tmp}. It honours the system properties {@code org.sqlite.lib.path} and {@code org.sqlite.lib.name};
 * this class sets them, unless the user did.
 */
final class SqliteNativeLibrary {
  private static final String PATH_PROPERTY = "org.sqlite.lib.path";
  private static final String NAME_PROPERTY = "org.sqlite.lib.name";
  private static final String RESOURCES = "/com/amazonaws/services/dynamodbv2/local/shared/access/sqlite/native/";

  private SqliteNativeLibrary() {}

  /** Makes DynamoDB Local load the library from the tools directory; no-op on a platform the jar has none for. */
  static synchronized void useToolsDirectory(Path toolsDir) {
    if (System.getProperty(PATH_PROPERTY) != null) {
      return;
    }
    String os = osFolder();
    String arch = System.getProperty("os.arch").toLowerCase(java.util.Locale.ROOT);
    arch = arch.equals("amd64") ? "x86_64" : arch;
    String name = System.mapLibraryName("sqlite4java");
    String resource = RESOURCES + os + "/" + arch + "/" + name;
    try (InputStream in = SqliteNativeLibrary.class.getResourceAsStream(resource)) {
      if (in == null) {
        return; // DynamoDB Local falls back to its own lookup and says what is missing
      }
      byte[] content = in.readAllBytes();
      Path dir = Files.createDirectories(toolsDir.resolve("dynamodb-local").resolve("native").resolve(os + "-" + arch));
      Path library = dir.resolve(name);
      if (!Files.isRegularFile(library) || !Arrays.equals(Files.readAllBytes(library), content)) {
        Path temporary = Files.createTempFile(dir, name, ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, library, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      System.setProperty(PATH_PROPERTY, dir.toString());
      System.setProperty(NAME_PROPERTY, name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy DynamoDB Local's native library into " + toolsDir, e);
    }
  }

  private static String osFolder() {
    String os = System.getProperty("os.name");
    return os.contains("Windows") ? "Windows" : os.contains("Mac") || os.contains("Darwin") ? "Mac" : "Linux";
  }
}
