package dev.runnel.operations.target;

import dev.runnel.plan.Plan;
import dev.runnel.plan.TableRole;
import dev.runnel.plan.TableSpec;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A job the operations commands read, with clients for its streams and tables: a local run's state directory
 * ({@link LocalRunTarget}) or a deployed stack ({@link StackTarget}). Closing it closes the clients and stops
 * whatever was started to read it.
 */
public interface JobTarget extends AutoCloseable {
  /** The job's plan. */
  Plan plan();

  /** What this target is, for the output: "local run in /tmp/run" or "stack shop in eu-west-1". */
  String description();

  /** The physical names of the plan's streams and tables. */
  ResourceNames names();

  /** A client for the job's streams. */
  KinesisClient kinesis();

  /** A client for the job's tables. */
  DynamoDbClient dynamoDb();

  /**
   * The job's CloudWatch metrics, or empty with the reason in {@link #metricsUnavailable()} (a local run keeps its
   * counters in memory only).
   */
  Optional<JobMetrics> metrics();

  /** Why {@link #metrics()} is empty, or null when it is not. */
  String metricsUnavailable();

  /** The physical name of the plan's only table of {@code role}, or empty when the job has none. */
  default Optional<String> table(TableRole role) {
    return plan().tables(role).stream().findFirst().map(TableSpec::name).map(names()::table);
  }

  /** Closes the clients and stops what was started. */
  @Override
  void close();
}
