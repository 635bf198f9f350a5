package dev.runnel.faults.inject;

import dev.runnel.faults.FaultDice;
import dev.runnel.faults.FaultKind;
import dev.runnel.faults.InjectedCrash;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Crashes an invocation right after a write went through: a state PutItem (between the state writes of two keys), a
 * sink table's BatchWriteItem or PutItem (after some outputs), a timer index BatchWriteItem (after some entries
 * were added or removed), or a state log BatchWriteItem of parts (after all of its items, or a prefix of them, went
 * through: the log entry or snapshot is then missing parts). The write happened; the invocation never learns it did.
 */
public final class CrashingDynamoDbClient extends DelegatingDynamoDbClient {
  private final FaultDice dice;
  private final String stateTable;
  private final Set<String> sinkTables;
  private final String timersTable;
  private final String stateLogTable;

  /**
   * Wraps {@code delegate}.
   *
   * @param stateTable  the job's state table, whose PutItem calls may crash (null if none)
   * @param sinkTables  the job's sink tables, whose BatchWriteItem and PutItem calls may crash
   * @param timersTable the job's timer index, whose BatchWriteItem calls may crash (null if none)
   * @param stateLogTable the job's state log table, whose BatchWriteItem calls of parts may crash after a prefix of
   *                      their items (null if none)
   */
  public CrashingDynamoDbClient(DynamoDbClient delegate, FaultDice dice, String stateTable, Set<String> sinkTables,
      String timersTable, String stateLogTable) {
    super(delegate);
    this.dice = dice;
    this.stateTable = stateTable;
    this.sinkTables = Set.copyOf(sinkTables);
    this.timersTable = timersTable;
    this.stateLogTable = stateLogTable;
  }

  @Override
  public PutItemResponse putItem(PutItemRequest request) {
    PutItemResponse response = super.putItem(request);
    if (request.tableName().equals(stateTable) && dice.roll(FaultKind.CRASH_MID_STATE, "state PutItem")) {
      throw new InjectedCrash("after a state PutItem on " + stateTable);
    }
    if (sinkTables.contains(request.tableName())
        && dice.roll(FaultKind.CRASH_MID_OUTPUTS, "PutItem on " + request.tableName())) {
      throw new InjectedCrash("after a PutItem on " + request.tableName());
    }
    return response;
  }

  @Override
  public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
    if (writesStateLogParts(request) && dice.roll(FaultKind.CRASH_MID_STATE, "state log BatchWriteItem")) {
      List<WriteRequest> items = request.requestItems().get(stateLogTable);
      int written = dice.nextInt(items.size() + 1);
      if (written > 0) {
        super.batchWriteItem(request.toBuilder().requestItems(Map.of(stateLogTable, items.subList(0, written)))
            .build());
      }
      throw new InjectedCrash("after " + written + " of the " + items.size() + " items of a BatchWriteItem on "
          + stateLogTable);
    }
    BatchWriteItemResponse response = super.batchWriteItem(request);
    boolean sink = request.requestItems().keySet().stream().anyMatch(sinkTables::contains);
    if (sink && dice.roll(FaultKind.CRASH_MID_OUTPUTS, "BatchWriteItem on " + request.requestItems().keySet())) {
      throw new InjectedCrash("after a BatchWriteItem on " + request.requestItems().keySet());
    }
    if (timersTable != null && request.requestItems().containsKey(timersTable)
        && dice.roll(FaultKind.CRASH_MID_TIMER_INDEX, "BatchWriteItem on " + timersTable)) {
      throw new InjectedCrash("after a BatchWriteItem on " + timersTable);
    }
    return response;
  }

  /** True for a BatchWriteItem that puts state log parts (not one deleting collected items). */
  private boolean writesStateLogParts(BatchWriteItemRequest request) {
    List<WriteRequest> items = stateLogTable == null ? null : request.requestItems().get(stateLogTable);
    return items != null && !items.isEmpty() && items.get(0).putRequest() != null;
  }
}
