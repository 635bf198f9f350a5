package dev.runnel.operations.target;

import dev.runnel.emulators.EmulatorCredentials;
import dev.runnel.localrunner.run.LocalEmulators;
import dev.runnel.localrunner.run.StateDirectory;
import dev.runnel.plan.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A local run's state directory ({@code runnel run --state-dir DIR}). When no run holds the directory (the run ended
 * or was killed), the emulators are started on its data for the command and stopped after (about 5 s); when a run
 * holds it, the command reads that run's emulators through the endpoints it published in the directory.
 */
public record LocalRunTarget(Plan plan, String description, KinesisClient kinesis, DynamoDbClient dynamoDb,
    AutoCloseable started) implements JobTarget {
  private static final String NO_METRICS = "a local run keeps its model calls and cost in memory: its summary and "
      + "its --ui dashboard show them";

  /**
   * Opens the data a run of {@code plan} left in {@code dir}, or the run going on there.
   *
   * @throws IllegalArgumentException if {@code dir} holds no run's data, or another job's
   */
  public static LocalRunTarget open(Plan plan, Path dir) {
    Path root = dir.toAbsolutePath().normalize();
    Path marker = root.resolve("job");
    if (!Files.isRegularFile(marker)) {
      throw new IllegalArgumentException("--state-dir " + root + " holds no local run's data: give the directory of "
          + "a `runnel run " + plan.jobClass() + " --state-dir DIR`");
    }
    String owner = read(marker);
    if (!owner.equals(plan.job())) {
      throw new IllegalArgumentException("--state-dir " + root + " holds the data of job '" + owner + "', not of job '"
          + plan.job() + "': name that job's class, or the directory of a run of " + plan.jobClass());
    }
    Optional<StateDirectory> idle = StateDirectory.openIfIdle(root, plan.job());
    if (idle.isPresent()) {
      StateDirectory state = idle.get();
      try {
        LocalEmulators emulators = LocalEmulators.start(state);
        return new LocalRunTarget(plan, "local run in " + root + " (stopped; emulators started on its data)",
            emulators.kinesis(), emulators.dynamoDb(), () -> {
              try {
                emulators.close();
              } finally {
                state.close();
              }
            });
      } catch (RuntimeException e) {
        state.close();
        throw e;
      }
    }
    StateDirectory.EmulatorEndpoints endpoints = StateDirectory.publishedEndpoints(root).orElseThrow(() ->
        new IllegalStateException("a run holds --state-dir " + root + " but has not published its emulators' "
            + "endpoints yet (it is starting): try again in a few seconds"));
    KinesisClient kinesis = KinesisClient.builder().endpointOverride(endpoints.kinesis())
        .region(EmulatorCredentials.REGION).credentialsProvider(EmulatorCredentials.provider())
        .httpClientBuilder(http()).build();
    DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(endpoints.dynamoDb())
        .region(EmulatorCredentials.REGION).credentialsProvider(EmulatorCredentials.provider())
        .httpClientBuilder(http()).build();
    return new LocalRunTarget(plan, "local run in " + root + " (running)", kinesis, dynamoDb, () -> {
      kinesis.close();
      dynamoDb.close();
    });
  }

  @Override
  public ResourceNames names() {
    return ResourceNames.asPlanned();
  }

  @Override
  public Optional<JobMetrics> metrics() {
    return Optional.empty();
  }

  @Override
  public String metricsUnavailable() {
    return NO_METRICS;
  }

  @Override
  public void close() {
    try {
      started.close();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the emulators of " + description, e);
    }
  }

  private static UrlConnectionHttpClient.Builder http() {
    return UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
        .socketTimeout(Duration.ofSeconds(30));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
