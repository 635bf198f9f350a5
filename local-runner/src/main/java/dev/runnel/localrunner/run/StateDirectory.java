package dev.runnel.localrunner.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.net.URI;
import java.util.Optional;
import java.util.Properties;

/**
 * The directory a durable local run ({@code runnel run --state-dir DIR}) keeps its emulators' data in:
 * {@code dynamodb/} (DynamoDB Local's SQLite file: state, checkpoints, progress, timers, dead letters, sink tables) and
 * {@code kinesis/} (kinesis-local's streams with their records), plus {@code job} naming the job the data belongs to.
 * One run at a time: the directory is locked while it is open. A run started again on the same directory resumes.
 * While a run holds it, {@code endpoints} names its emulators' loopback endpoints, for the operations commands.
 */
public final class StateDirectory implements AutoCloseable {
  private static final String ENDPOINTS = "endpoints";

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private StateDirectory(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens (creating it if needed) the directory for a run of {@code job} and locks it.
   *
   * @throws LocalRunException if another run holds it, or it holds another job's data
   */
  public static StateDirectory open(Path dir, String job) {
    return openIfIdle(dir, job).orElseThrow(() -> new LocalRunException("state directory "
        + dir.toAbsolutePath().normalize() + " is in use by another run; wait for it to end or use another --state-dir",
        null));
  }

  /**
   * Opens (creating it if needed) the directory for a run of {@code job} and locks it; empty when a run holds it.
   *
   * @throws LocalRunException if it holds another job's data
   */
  public static Optional<StateDirectory> openIfIdle(Path dir, String job) {
    Path root = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(root);
      FileChannel channel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException sameJvm) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        return Optional.empty();
      }
      StateDirectory opened = new StateDirectory(root, channel, lock);
      try {
        opened.claimFor(job);
      } catch (RuntimeException e) {
        opened.close();
        throw e;
      }
      return Optional.of(opened);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open state directory " + root, e);
    }
  }

  /**
   * The emulator endpoints a run holding {@code dir} published ({@link #publishEndpoints}), or empty when none did or
   * it ended (a killed run leaves the file behind, but not its lock: only read this while the directory is locked).
   */
  public static Optional<EmulatorEndpoints> publishedEndpoints(Path dir) {
    Path file = dir.toAbsolutePath().normalize().resolve(ENDPOINTS);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    String kinesis = properties.getProperty("kinesis");
    String dynamoDb = properties.getProperty("dynamodb");
    return kinesis == null || dynamoDb == null ? Optional.empty()
        : Optional.of(new EmulatorEndpoints(URI.create(kinesis), URI.create(dynamoDb)));
  }

  /**
   * Writes the running emulators' loopback endpoints into the directory, so that {@code runnel status --state-dir}
   * and the other operations commands can read the run while it goes; the file is removed on {@link #close()}.
   */
  public void publishEndpoints(EmulatorEndpoints endpoints) {
    Path file = root.resolve(ENDPOINTS);
    try {
      Files.writeString(file, "kinesis=" + endpoints.kinesis() + "\ndynamodb=" + endpoints.dynamoDb() + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * The loopback endpoints of a run's emulators.
   *
   * @param kinesis  kinesis-local's plain HTTP endpoint
   * @param dynamoDb DynamoDB Local's endpoint
   */
  public record EmulatorEndpoints(URI kinesis, URI dynamoDb) {}

  /** The directory itself. */
  public Path root() {
    return root;
  }

  /** DynamoDB Local's data directory. */
  public Path dynamoDb() {
    return root.resolve("dynamodb");
  }

  /** kinesis-local's data directory. */
  public Path kinesis() {
    return root.resolve("kinesis");
  }

  /** True when an earlier run left data here: this run resumes it. */
  public boolean hasData() {
    return Files.isDirectory(dynamoDb()) || Files.isDirectory(kinesis());
  }

  /** Releases the lock. */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(root.resolve(ENDPOINTS));
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unlock state directory " + root, e);
    }
  }

  private void claimFor(String job) throws IOException {
    Path marker = root.resolve("job");
    if (Files.isRegularFile(marker)) {
      String owner = Files.readString(marker, StandardCharsets.UTF_8).trim();
      if (!owner.equals(job)) {
        throw new LocalRunException("state directory " + root + " holds the data of job '" + owner + "', not of job '"
            + job + "'; use another --state-dir, or delete it to start over", null);
      }
    } else {
      Files.writeString(marker, job + "\n", StandardCharsets.UTF_8);
    }
  }
}
