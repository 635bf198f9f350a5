package dev.runnel.statestore.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.statestore.StateKey;
import dev.runnel.statestore.StateWrite;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/** Throttling and unprocessed keys are retried (and counted); other errors are thrown at once. */
class ThrottlingRetryTest {
  private static final StateKey KEY = new StateKey("job-1", "k");

  private static DynamoDbStateStore store(ThrottledDynamoDb dynamoDb, String table, int attempts) {
    return new DynamoDbStateStore(dynamoDb, table, Clock.systemUTC(), Backoff.immediate(attempts), 2);
  }

  @Test
  void aThrottledPutIsResentUntilItSucceeds() {
    ThrottledDynamoDb dynamoDb = new ThrottledDynamoDb(2);
    try (DynamoDbStateStore store = store(dynamoDb, "state", 5)) {

      assertThat(store.write(List.of(StateWrite.put(KEY, null, "v1", new byte[1]))).hasConflicts()).isFalse();

      assertThat(dynamoDb.putCalls).hasValue(3);
      assertThat(store.counters().putItemRequests()).isEqualTo(3);
      assertThat(store.counters().writeCapacityUnits()).isEqualTo(1.0);
    }
  }

  @Test
  void throttlingBeyondTheAttemptsIsThrown() {
    ThrottledDynamoDb dynamoDb = new ThrottledDynamoDb(10);
    try (DynamoDbStateStore store = store(dynamoDb, "state", 3)) {

      assertThatThrownBy(() -> store.write(List.of(StateWrite.put(KEY, null, "v1", new byte[1]))))
          .isInstanceOf(ProvisionedThroughputExceededException.class);
      assertThat(dynamoDb.putCalls).hasValue(3);
    }
  }

  @Test
  void otherErrorsAreThrownWithoutRetry() {
    ThrottledDynamoDb dynamoDb = new ThrottledDynamoDb(0);
    try (DynamoDbStateStore store = store(dynamoDb, "missing", 5)) {

      assertThatThrownBy(() -> store.write(List.of(
          StateWrite.put(KEY, null, "v1", new byte[1]), StateWrite.put(new StateKey("job-1", "j"), null, "v1",
              new byte[1]))))
          .isInstanceOf(DynamoDbException.class);
      assertThat(store.counters().putItemRequests()).isEqualTo(2);
    }
  }

  @Test
  void unprocessedKeysAreRequested() {
    ThrottledDynamoDb dynamoDb = new ThrottledDynamoDb(0);
    try (DynamoDbStateStore store = store(dynamoDb, "state", 5)) {

      assertThat(store.load(List.of(KEY))).isEmpty();

      assertThat(dynamoDb.batchGetCalls).hasValue(2);
      assertThat(store.counters().batchGetItemRequests()).isEqualTo(2);
    }
  }
}
