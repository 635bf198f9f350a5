package dev.runnel.examples;

import dev.runnel.localrunner.run.JobRun;
import dev.runnel.localrunner.run.LocalEmulators;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.plan.Plan;
import java.lang.reflect.RecordComponent;

/**
 * One kinesis-local and DynamoDB Local for the model examples' tests, started on first use and stopped when the test
 * JVM exits: each job has its own streams and tables, so runs of different jobs do not meet, and the emulators stay
 * up after a run for tests that read what it left (the vector table).
 */
public final class SharedEmulators {
  private static LocalEmulators emulators;

  private SharedEmulators() {}

  /** The emulators, started now if not yet. */
  public static synchronized LocalEmulators get() {
    if (emulators == null) {
      emulators = LocalEmulators.start();
      LocalEmulators started = emulators;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-shared-emulators"));
    }
    return emulators;
  }

  /** Runs {@code plan} to quiet on the shared emulators. */
  public static RunSummary run(Plan plan, RunOptions options) {
    LocalEmulators running = get();
    return new JobRun(plan, running.kinesis(), running.dynamoDb(), running.functionClients(), options).run();
  }

  /** The value of {@code record}'s component {@code field}, as a prompt template reads it. */
  public static Object field(Record record, String field) {
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      if (component.getName().equals(field)) {
        try {
          return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalArgumentException(record.getClass().getSimpleName() + " has no field " + field);
  }
}
