package dev.runnel.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * kinesis-local (kinesis-mock compiled to JavaScript, from npm) running as a node child process on a free loopback
 * port. The process is stopped on {@link #close()} and, should the JVM exit first (Ctrl-C), by a shutdown hook.
 * Its output goes to {@code <tools>/logs/kinesis-local-<port>.log}, never to the console.
 */
public final class KinesisLocal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KinesisLocal.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final Path toolsDir;
  private volatile ChildProcessTree process;
  private Thread shutdownHook;
  private int port;
  private Path logFile;

  /** An emulator using the tools directory of {@link ToolsDirectory#resolve()}. */
  public KinesisLocal() {
    this(ToolsDirectory.resolve());
  }

  /** An emulator installed into, and logging under, this tools directory. */
  public KinesisLocal(Path toolsDir) {
    this.toolsDir = toolsDir.toAbsolutePath();
  }

  /** Installs kinesis-local into {@code <toolsDir>/kinesis-local} with npm unless the pinned version is there. */
  public static void ensureInstalled(Path toolsDir) {
    KinesisLocalPackage.in(toolsDir.toAbsolutePath()).ensureInstalled();
  }

  /** Installs if needed, spawns node and waits until the emulator answers ListStreams (about 2 s); returns this. */
  public synchronized KinesisLocal start() {
    if (process != null) {
      return this;
    }
    KinesisLocalPackage pkg = KinesisLocalPackage.in(toolsDir);
    pkg.ensureInstalled();
    port = FreeLoopbackPort.find();
    int tlsPort = FreeLoopbackPort.find();
    try {
      Path logs = Files.createDirectories(toolsDir.resolve("logs"));
      logFile = logs.resolve("kinesis-local-" + port + ".log");
      ProcessBuilder builder = new ProcessBuilder(List.of("node", pkg.mainScript().toString()))
          .directory(pkg.home().toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
      Map<String, String> env = builder.environment();
      env.put("KINESIS_MOCK_CERT_PATH", pkg.certificate().toString());
      env.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(port));
      env.put("KINESIS_MOCK_TLS_PORT", Integer.toString(tlsPort));
      env.put("CREATE_STREAM_DURATION", "100ms");
      env.put("DELETE_STREAM_DURATION", "100ms");
      env.put("SPLIT_SHARD_DURATION", "100ms");
      env.put("MERGE_SHARDS_DURATION", "100ms");
      env.put("UPDATE_SHARD_COUNT_DURATION", "100ms");
      process = new ChildProcessTree(startNode(builder));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start kinesis-local", e);
    }
    shutdownHook = new Thread(this::stopProcess, "kinesis-local-shutdown-" + port);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    awaitReady();
    LOG.debug("kinesis-local {} (pid {}) ready on {}, log {}", pkg.version(), process.pid(), endpoint(), logFile);
    return this;
  }

  /** The plain-HTTP endpoint, for example {@code http://127.0.0.1:41234}. */
  public synchronized URI endpoint() {
    requireStarted();
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The node process id, to check that nothing is left behind. */
  public synchronized long pid() {
    requireStarted();
    return process.pid();
  }

  /** The file the emulator's output is written to. */
  public synchronized Path logFile() {
    requireStarted();
    return logFile;
  }

  /** A new client for this emulator (CBOR on, as against AWS); the caller closes it. */
  public KinesisClient client() {
    return client(Duration.ofSeconds(30));
  }

  /** Stops node and its descendants: SIGTERM, 5 s grace, then SIGKILL. Safe to call twice. */
  @Override
  public synchronized void close() {
    if (process == null) {
      return;
    }
    stopProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or has run; nothing left to remove
    }
    process = null;
  }

  private KinesisClient client(Duration socketTimeout) {
    return KinesisClient.builder()
        .endpointOverride(endpoint())
        .region(EmulatorCredentials.REGION)
        .credentialsProvider(EmulatorCredentials.provider())
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(socketTimeout))
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .apiCallTimeout(socketTimeout.plusSeconds(5))
            .build())
        .build();
  }

  private static Process startNode(ProcessBuilder builder) throws IOException {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new IOException("cannot run node; install Node.js 18 or newer and put it on the PATH", e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (KinesisClient probe = client(Duration.ofSeconds(2))) {
      while (true) {
        if (!process.alive()) {
          String log = readLog();
          close();
          throw new IllegalStateException("kinesis-local exited during start-up:\n" + log);
        }
        try {
          probe.listStreams();
          return;
        } catch (RuntimeException notYet) {
          if (System.nanoTime() > deadline) {
            close();
            throw new IllegalStateException("kinesis-local did not answer within " + READY_TIMEOUT + "; see " + logFile,
                notYet);
          }
        }
        sleep(Duration.ofMillis(100));
      }
    }
  }

  private void stopProcess() {
    ChildProcessTree running = process;
    if (running != null && running.alive()) {
      running.stop(STOP_GRACE);
    }
  }

  private String readLog() {
    try {
      return Files.readString(logFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private synchronized void requireStarted() {
    if (process == null) {
      throw new IllegalStateException("kinesis-local is not running; call start() first");
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for kinesis-local", e);
    }
  }
}
