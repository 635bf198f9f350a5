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
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/**
 * kinesis-local (kinesis-mock compiled to JavaScript, from npm) running as a node child process on a free loopback
 * port, listening on loopback only. The process is stopped on {@link #close()}, by a shutdown hook should the JVM exit
 * first (Ctrl-C), and by a watchdog ({@link ParentWatchdog}) should the JVM be killed. Its output goes to
 * {@code <tools>/logs/kinesis-local-<port>.log}, never to the console.
 *
 * <p>In memory by default. {@link #persistentIn(Path)} keeps the streams and their records in a data directory
 * (kinesis-mock's own persistence: a JSON file written every second and when the process stops, loaded at start),
 * so a later emulator on the same directory has them again; after a {@code kill -9} of the JVM the watchdog stops
 * node politely, and it saves everything it acknowledged before exiting.
 */
public final class KinesisLocal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KinesisLocal.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  /** Time to save the data file on the way out; a kill before that would leave it half written. */
  private static final Duration PERSISTENT_STOP_GRACE = Duration.ofSeconds(30);
  private static final String DATA_FILE = "kinesis-data.json";

  private final Path toolsDir;
  private final Path dataDir;
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
    this(toolsDir, null);
  }

  private KinesisLocal(Path toolsDir, Path dataDir) {
    this.toolsDir = toolsDir.toAbsolutePath();
    this.dataDir = dataDir == null ? null : dataDir.toAbsolutePath();
  }

  /**
   * An emulator keeping its streams in {@code dataDir} (created if needed) and loading what an earlier one left there;
   * it waits for an earlier emulator still saving into it to finish.
   */
  public static KinesisLocal persistentIn(Path dataDir) {
    return new KinesisLocal(ToolsDirectory.resolve(), dataDir);
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
    Duration grace = dataDir == null ? STOP_GRACE : PERSISTENT_STOP_GRACE;
    try {
      Path logs = Files.createDirectories(toolsDir.resolve("logs"));
      logFile = logs.resolve("kinesis-local-" + port + ".log");
      List<String> node = List.of("node", "--require", pkg.preload().toString(), pkg.mainScript().toString());
      ProcessBuilder builder = new ProcessBuilder(ParentWatchdog.wrap(node, grace))
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
      DataDirectoryProcess owner = null;
      if (dataDir != null) {
        Files.createDirectories(dataDir);
        owner = new DataDirectoryProcess(dataDir, "kinesis-local.pid");
        if (owner.awaitPrevious(PERSISTENT_STOP_GRACE.plusSeconds(5))) {
          LOG.debug("waited for an earlier kinesis-local to finish saving {}", dataDir);
        }
        env.put("SHOULD_PERSIST_DATA", "true");
        env.put("LOAD_DATA_IF_EXISTS", "true");
        env.put("PERSIST_PATH", dataDir.toString());
        env.put("PERSIST_FILE_NAME", DATA_FILE);
        env.put("PERSIST_INTERVAL", "1s");
      } else {
        env.put("SHOULD_PERSIST_DATA", "false");
        env.put("LOAD_DATA_IF_EXISTS", "false");
      }
      process = new ChildProcessTree(startNode(builder), grace);
      if (owner != null) {
        owner.record(ProcessHandle.of(process.pid()).orElseThrow());
      }
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

  /** The id of the process started (the watchdog shell running node), to check that nothing is left behind. */
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

  /** A new client for this emulator that shows every request to {@code interceptor}; the caller closes it. */
  public KinesisClient client(ExecutionInterceptor interceptor) {
    Duration socketTimeout = Duration.ofSeconds(30);
    return builder(socketTimeout).overrideConfiguration(ClientOverrideConfiguration.builder()
        .apiCallTimeout(socketTimeout.plusSeconds(5)).addExecutionInterceptor(interceptor).build()).build();
  }

  /**
   * Stops node and its descendants: SIGTERM, a grace period (5 s, or 30 s to save the data of a persistent one),
   * then SIGKILL. Safe to call twice.
   */
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
    return builder(socketTimeout)
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .apiCallTimeout(socketTimeout.plusSeconds(5))
            .build())
        .build();
  }

  private KinesisClientBuilder builder(Duration socketTimeout) {
    return KinesisClient.builder()
        .endpointOverride(endpoint())
        .region(EmulatorCredentials.REGION)
        .credentialsProvider(EmulatorCredentials.provider())
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(socketTimeout));
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
      running.stop();
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
