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
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** The provisioner on DynamoDB Local and kinesis-local: tables with a TTL attribute in the plan get their TTL on. */
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

  private static TimeToLiveDescription ttl(String table) {
    return emulators.dynamoDb().describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
  }
}
