package dev.runnel.localrunner.input;

import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.batch.ProcessedRecord;
import dev.runnel.functions.deadletter.DeadLetterItems;
import dev.runnel.functions.deadletter.ErrorType;
import dev.runnel.functions.deadletter.FailureContext;
import dev.runnel.functions.deadletter.RecordFailure;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.TableSpec;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Writes rejected input lines to the job's dead-letter table, as the stage reading the stream would have: error type
 * {@code input}, shard {@code input}, and {@code <input>:<line>} as the position, with the payload stored (and
 * truncated) as every dead letter's is.
 */
public final class InputDeadLetters {
  /** The shard a rejected line is filed under: it never reached one. */
  public static final String SHARD = "input";

  private final Plan plan;
  private final DynamoDbClient dynamoDb;
  private final Clock clock;

  /** Dead letters of {@code plan}'s inputs, written with this client. */
  public InputDeadLetters(Plan plan, DynamoDbClient dynamoDb, Clock clock) {
    this.plan = plan;
    this.dynamoDb = dynamoDb;
    this.clock = clock;
  }

  /** Writes the dead letter of {@code line}. */
  public void write(RejectedLine line) {
    String stage = plan.stages().stream().filter(s -> s.input().stream().equals(line.input().stream()))
        .map(StageSpec::id).findFirst().orElseThrow(() -> new IllegalArgumentException(
            "no stage of job " + plan.job() + " reads stream " + line.input().stream()));
    TableSpec table = plan.deadLetterTable();
    DeadLetterItems items = DeadLetterItems.of(new FailureContext(plan.job(), stage), table, clock);
    InputRecord record = new InputRecord(SHARD, line.input().label() + ":" + line.lineNumber(),
        Integer.toString(line.lineNumber()), line.data(), clock.millis());
    String error = "job '" + plan.job() + "', stage '" + stage + "', input " + line.input().label() + " line "
        + line.lineNumber() + ": " + line.reason();
    dynamoDb.putItem(b -> b.tableName(table.name()).item(items.item(
        ProcessedRecord.failed(record, new RecordFailure(ErrorType.INPUT, null, error)))));
  }
}
