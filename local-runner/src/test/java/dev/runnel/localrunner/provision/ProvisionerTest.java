package dev.runnel.localrunner.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.localrunner.run.LocalEmulators;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StreamRole;
import dev.runnel.plan.StreamSpec;
import dev.runnel.plan.TableRole;
import dev.runnel.plan.TableSpec;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.runnel.statestore.statelog.DynamoDbStateLogStore;
import dev.runnel.statestore.statelog.LogItems;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The provisioner on DynamoDB Local and kinesis-local: tables with a TTL attribute in the plan get their TTL on; the
 * state log gets the shape its store reads and writes.
 */
class ProvisionerTest {
  private static LocalEmulators emulators;

  @BeforeAll
  static void start() {
    emulators = LocalEmulators.start();
  }

  @AfterAll
  static void stop() {
    if (emulators != null) {
      emulators.close();
    }
  }

  @Test
  void theDeadLetterTableExpiresItsItemsAndOtherTablesKeepTheirs() {
    Plan plan = new Plan(Plan.FORMAT, "prov", "x.Prov", List.of(new StreamSpec("prov-in", 1, StreamRole.SOURCE)),
        List.of(new TableSpec("prov-out", TableRole.SINK, "id", null),
            new TableSpec("prov-dead-letters", TableRole.DEAD_LETTER, "source", "position", "expiresAt", 3 * 86_400L)),
        List.of());
    Provisioner provisioner = new Provisioner(emulators.kinesis(), emulators.dynamoDb());

    provisioner.provision(plan);
    provisioner.provision(plan); // a second run against the same emulator finds the TTL already on

    TimeToLiveDescription deadLetters = ttl("prov-dead-letters");
    assertThat(deadLetters.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
    assertThat(deadLetters.attributeName()).isEqualTo("expiresAt");
    assertThat(ttl("prov-out").timeToLiveStatus()).isEqualTo(TimeToLiveStatus.DISABLED);
  }

  @Test
  void theStateLogTableHasTheStoresKeysAndNoTtl() {
    Plan plan = new Plan(Plan.FORMAT, "provlog", "x.ProvLog",
        List.of(new StreamSpec("provlog-in", 1, StreamRole.SOURCE)),
        List.of(new TableSpec("provlog-state-log", TableRole.STATE_LOG, "pk", "sk")), List.of());

    new Provisioner(emulators.kinesis(), emulators.dynamoDb()).provision(plan);

    TableDescription table = emulators.dynamoDb().describeTable(b -> b.tableName("provlog-state-log")).table();
    assertThat(table.keySchema()).containsExactly(
        KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build());
    assertThat(ttl("provlog-state-log").timeToLiveStatus()).isEqualTo(TimeToLiveStatus.DISABLED);
    DynamoDbStateLogStore store = new DynamoDbStateLogStore(emulators.dynamoDb(), "provlog-state-log");
    LogItems entry = new LogItems(LogItems.Kind.ENTRY, 1, "a", 1);
    store.write("provlog-1", "shard", entry, List.of(new byte[] {1, 2}));
    assertThat(store.read("provlog-1", "shard", List.of(entry))).containsExactly(new byte[] {1, 2});
  }

  private static TimeToLiveDescription ttl(String table) {
    return emulators.dynamoDb().describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
  }
}
