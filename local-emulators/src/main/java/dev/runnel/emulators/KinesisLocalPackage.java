package dev.runnel.emulators;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The kinesis-local npm package installed under {@code <tools>/kinesis-local}. Installing runs npm under a file
 * lock, so several JVMs (parallel builds, a test and the launcher) never install over each other.
 */
final class KinesisLocalPackage {
  private static final long NPM_TIMEOUT_MINUTES = 5;
  private static final Object IN_PROCESS_LOCK = new Object();

  private final Path prefix;
  private final String name;
  private final String version;

  private KinesisLocalPackage(Path toolsDir, String name, String version) {
    this.prefix = toolsDir.resolve("kinesis-local");
    this.name = name;
    this.version = version;
  }

  /** The package at the version this build pins (parent pom property kinesis-local.version). */
  static KinesisLocalPackage in(Path toolsDir) {
    Properties properties = new Properties();
    try (InputStream in = KinesisLocalPackage.class.getResourceAsStream("kinesis-local.properties")) {
      if (in == null) {
        throw new IllegalStateException("kinesis-local.properties is missing from the runnel-local-emulators jar");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new KinesisLocalPackage(toolsDir, properties.getProperty("package"), properties.getProperty("version"));
  }

  /** The pinned version, for example 0.6.2. */
  String version() {
    return version;
  }

  /** The package folder holding main.js and server.json. */
  Path home() {
    return prefix.resolve("node_modules").resolve(name);
  }

  /** The server's entry point. */
  Path mainScript() {
    return home().resolve("main.js");
  }

  /** The self-signed certificate the server needs even when only its plain port is used. */
  Path certificate() {
    return home().resolve("server.json");
  }

  /**
   * The script node preloads so that kinesis-local listens on loopback only (kinesis-mock binds 0.0.0.0 and has no
   * option for it) and stops promptly on SIGTERM even while clients keep connections open; written next to the
   * package from this jar unless it is there already.
   */
  Path preload() {
    Path script = prefix.resolve("runnel-preload.js");
    try (InputStream in = KinesisLocalPackage.class.getResourceAsStream("kinesis-local-preload.js")) {
      if (in == null) {
        throw new IllegalStateException("kinesis-local-preload.js is missing from the runnel-local-emulators jar");
      }
      byte[] content = in.readAllBytes();
      if (Files.isRegularFile(script) && java.util.Arrays.equals(Files.readAllBytes(script), content)) {
        return script;
      }
      Files.createDirectories(prefix);
      Path temporary = Files.createTempFile(prefix, "runnel-preload", ".tmp");
      Files.write(temporary, content);
      Files.move(temporary, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return script;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + script, e);
    }
  }

  /** True when the pinned version is installed. */
  boolean installed() {
    Path packageJson = home().resolve("package.json");
    if (!Files.isRegularFile(packageJson) || !Files.isRegularFile(mainScript())) {
      return false;
    }
    try {
      String json = Files.readString(packageJson, StandardCharsets.UTF_8);
      return json.matches("(?s).*\"version\"\\s*:\\s*\"" + java.util.regex.Pattern.quote(version) + "\".*");
    } catch (IOException e) {
      return false;
    }
  }

  /** Installs the pinned version with npm unless it is there; waits for another JVM that is installing it. */
  void ensureInstalled() {
    if (installed()) {
      return;
    }
    synchronized (IN_PROCESS_LOCK) {
      try {
        Files.createDirectories(prefix);
        try (FileChannel channel = FileChannel.open(prefix.resolve("install.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
          if (!installed()) {
            install();
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot install " + name + " into " + prefix, e);
      }
    }
  }

  private void install() throws IOException {
    Path log = prefix.resolve("npm-install.log");
    List<String> command = List.of("npm", "install", "--prefix", prefix.toString(), name + "@" + version,
        "--no-audit", "--no-fund");
    Process npm;
    try {
      npm = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
    } catch (IOException e) {
      throw new IOException("cannot run npm; install Node.js 18 or newer (with npm) and put it on the PATH", e);
    }
    try {
      if (!npm.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        npm.destroyForcibly();
        throw new IOException("npm install " + name + " took longer than " + NPM_TIMEOUT_MINUTES + " minutes; see " + log);
      }
    } catch (InterruptedException e) {
      npm.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while installing " + name, e);
    }
    if (npm.exitValue() != 0 || !installed()) {
      throw new IOException("npm install " + name + "@" + version + " failed (exit " + npm.exitValue() + "):\n"
          + Files.readString(log, StandardCharsets.UTF_8));
    }
  }
}
