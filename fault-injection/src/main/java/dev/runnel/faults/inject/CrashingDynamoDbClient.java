package dev.runnel.faults.inject;

import dev.runnel.faults.FaultDice;
import dev.runnel.faults.FaultKind;
import dev.runnel.faults.InjectedCrash;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

/**
 * Crashes an invocation right after a write went through: a state PutItem (between the state writes of two keys),
 * or a sink table's BatchWriteItem (after some outputs). The write happened; the invocation never learns it did.
 */
public final class CrashingDynamoDbClient extends DelegatingDynamoDbClient {
  private final FaultDice dice;
  private final String stateTable;
  private final Set<String> sinkTables;

  /**
   * Wraps {@code delegate}.
   *
   * @param stateTable the job's state table, whose PutItem calls may crash (null if none)
   * @param sinkTables the job's sink tables, whose BatchWriteItem calls may crash
   */
  public CrashingDynamoDbClient(DynamoDbClient delegate, FaultDice dice, String stateTable, Set<String> sinkTables) {
    super(delegate);
    this.dice = dice;
    this.stateTable = stateTable;
    this.sinkTables = Set.copyOf(sinkTables);
  }

  @Override
  public PutItemResponse putItem(PutItemRequest request) {
    PutItemResponse response = super.putItem(request);
    if (request.tableName().equals(stateTable) && dice.roll(FaultKind.CRASH_MID_STATE, "state PutItem")) {
      throw new InjectedCrash("after a state PutItem on " + stateTable);
    }
    return response;
  }

  @Override
  public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
    BatchWriteItemResponse response = super.batchWriteItem(request);
    boolean sink = request.requestItems().keySet().stream().anyMatch(sinkTables::contains);
    if (sink && dice.roll(FaultKind.CRASH_MID_OUTPUTS, "BatchWriteItem on " + request.requestItems().keySet())) {
      throw new InjectedCrash("after a BatchWriteItem on " + request.requestItems().keySet());
    }
    return response;
  }
}
