package dev.runnel.emulators;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;

/**
 * moto's server mode ({@code moto_server}, Python) running as a child process on a free loopback port: one endpoint
 * for every AWS API moto emulates (SSM, Secrets Manager, CloudFormation...). The executable is {@code moto_server} on
 * the PATH, else {@code python3 -m moto.server}. The process is stopped on {@link #close()}, by a shutdown hook should
 * the JVM exit first, and by a watchdog ({@link ParentWatchdog}) should the JVM be killed. Its output goes to
 * {@code <tools>/logs/moto-server-<port>.log}.
 */
public final class MotoServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MotoServer.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final Path toolsDir;
  private volatile ChildProcessTree process;
  private Thread shutdownHook;
  private int port;
  private Path logFile;

  /** A server logging under the tools directory of {@link ToolsDirectory#resolve()}. */
  public MotoServer() {
    this(ToolsDirectory.resolve());
  }

  /** A server logging under this tools directory. */
  public MotoServer(Path toolsDir) {
    this.toolsDir = toolsDir.toAbsolutePath();
  }

  /** Spawns moto and waits until it answers on {@code /moto-api/} (about 1-2 s); returns this. */
  public synchronized MotoServer start() {
    if (process != null) {
      return this;
    }
    port = FreeLoopbackPort.find();
    try {
      Path logs = Files.createDirectories(toolsDir.resolve("logs"));
      logFile = logs.resolve("moto-server-" + port + ".log");
      List<String> command = new ArrayList<>(executable());
      command.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
      ProcessBuilder builder = new ProcessBuilder(ParentWatchdog.wrap(command, STOP_GRACE))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
      Map<String, String> env = builder.environment();
      env.putIfAbsent("AWS_DEFAULT_REGION", EmulatorCredentials.REGION.id());
      env.put("PYTHONUNBUFFERED", "1");
      process = new ChildProcessTree(builder.start(), STOP_GRACE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start moto_server; is the Python package moto installed?", e);
    }
    shutdownHook = new Thread(this::stopProcess, "moto-server-shutdown-" + port);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    awaitReady();
    LOG.debug("moto_server (pid {}) ready on {}, log {}", process.pid(), endpoint(), logFile);
    return this;
  }

  /** The HTTP endpoint, for example {@code http://127.0.0.1:41234}. */
  public synchronized URI endpoint() {
    requireStarted();
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The id of the process started (the watchdog shell running moto), to check that nothing is left behind. */
  public synchronized long pid() {
    requireStarted();
    return process.pid();
  }

  /** The file the server's output is written to. */
  public synchronized Path logFile() {
    requireStarted();
    return logFile;
  }

  /**
   * Points an SDK client builder of any service at this server, with the emulators' region and dummy credentials;
   * the caller picks the HTTP client and builds.
   */
  public <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
    return builder.endpointOverride(endpoint())
        .region(EmulatorCredentials.REGION)
        .credentialsProvider(EmulatorCredentials.provider());
  }

  /** Stops moto and its descendants: SIGTERM, 5 s grace, then SIGKILL. Safe to call twice. */
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

  /** {@code moto_server} when it is on the PATH, else {@code python3 -m moto.server}. */
  private static List<String> executable() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "moto_server"))) {
          return List.of(Path.of(dir, "moto_server").toString());
        }
      }
    }
    return List.of("python3", "-m", "moto.server");
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      if (!process.alive()) {
        String log = readLog();
        close();
        throw new IllegalStateException("moto_server exited during start-up:\n" + log);
      }
      if (answers()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        close();
        throw new IllegalStateException("moto_server did not answer within " + READY_TIMEOUT + "; see " + logFile);
      }
      sleep(Duration.ofMillis(100));
    }
  }

  private boolean answers() {
    try {
      HttpURLConnection connection = (HttpURLConnection) endpoint().resolve("/moto-api/").toURL().openConnection();
      connection.setConnectTimeout(1000);
      connection.setReadTimeout(2000);
      try {
        return connection.getResponseCode() == 200;
      } finally {
        connection.disconnect();
      }
    } catch (IOException notYet) {
      return false;
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
      throw new IllegalStateException("moto_server is not running; call start() first");
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for moto_server", e);
    }
  }
}
