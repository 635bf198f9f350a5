package dev.runnel.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.emulators.DynamoDbLocal;
import dev.runnel.plan.TableRole;
import dev.runnel.statestore.statelog.DynamoDbStateLogStore;
import dev.runnel.statestore.statelog.LogItems;
import dev.runnel.statestore.statelog.StateLogTable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The stage policy on the state-log table allows every call {@code DynamoDbStateLogStore} makes: the store writes,
 * reads and collects on DynamoDB Local through a client that records each operation it is asked for.
 */
class StateLogAccessTest {

  @Test
  void everyCallTheStateLogStoreMakesIsAllowed() {
    Set<String> called = new TreeSet<>();
    try (DynamoDbLocal local = new DynamoDbLocal().start(); DynamoDbClient real = local.client()) {
      StateLogTable.create(real, "job-state-log");
      DynamoDbStateLogStore store = new DynamoDbStateLogStore(recording(real, called), "job-state-log");
      LogItems entry = new LogItems(LogItems.Kind.ENTRY, 1, "a", 2);
      LogItems snapshot = new LogItems(LogItems.Kind.SNAPSHOT, 2, "b", 1);
      store.write("job-2", "shard-1", entry, List.of(new byte[] {1}, new byte[] {2}));
      store.write("job-2", "shard-1", snapshot, List.of(new byte[] {3}));
      assertThat(store.read("job-2", "shard-1", List.of(entry, snapshot))).hasSize(3);
      assertThat(store.collect("job-2", "shard-1", 2, List.of(snapshot))).isEqualTo(2);
    }

    assertThat(called).as("the store was exercised").isNotEmpty();
    assertThat(StageAccess.actions(TableRole.STATE_LOG)).as("the stage policy's actions on the state-log table")
        .containsAll(called.stream().map(operation -> "dynamodb:" + operation).toList());
  }

  /** {@code real}, adding the DynamoDB operation name (BatchWriteItem, Query, ...) of every call to {@code called}. */
  private static DynamoDbClient recording(DynamoDbClient real, Set<String> called) {
    return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
        new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
          boolean operation = method.getParameterCount() == 1
              && method.getParameterTypes()[0].getSimpleName().endsWith("Request");
          if (operation) {
            called.add(Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1));
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
