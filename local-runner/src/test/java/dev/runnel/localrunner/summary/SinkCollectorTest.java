package dev.runnel.localrunner.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.localrunner.provision.Provisioner;
import dev.runnel.localrunner.run.LocalEmulators;
import dev.runnel.localrunner.run.jobs.Relay;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;

/**
 * On kinesis-local: a sink stream holding an output twice (a retry after a crash resent it, with another committed
 * position in its identity) shows it once; records without an identity are all shown, equal or not.
 */
class SinkCollectorTest {
  private static LocalEmulators emulators;

  @BeforeAll
  static void start() {
    emulators = LocalEmulators.start();
  }

  @AfterAll
  static void stop() {
    emulators.close();
  }

  @Test
  void aSinkStreamShowsEachOutputOnceAsAReaderDroppingCopiesWould() {
    Plan plan = Planner.plan(Relay.class);
    new Provisioner(emulators.kinesis(), emulators.dynamoDb()).provision(plan);
    put(new RecordIdentity("relay-1", "shardId-000000000000", "101", 0, "-").toPartitionKey(), "{\"text\":\"a\"}");
    put(new RecordIdentity("relay-1", "shardId-000000000000", "102", 0, "-").toPartitionKey(), "{\"text\":\"b\"}");
    put(new RecordIdentity("relay-1", "shardId-000000000000", "101", 0, "99").toPartitionKey(), "{\"text\":\"a\"}");
    put("external", "{\"text\":\"c\"}");
    put("external", "{\"text\":\"c\"}");

    SinkContents sink = new SinkCollector(plan, emulators.kinesis(), emulators.dynamoDb(),
        getClass().getClassLoader()).sinks(Map.of()).get(0);

    assertThat(sink.target()).isEqualTo("relay-out");
    assertThat(sink.records()).containsExactly("{\"text\":\"a\"}", "{\"text\":\"b\"}", "{\"text\":\"c\"}",
        "{\"text\":\"c\"}");
  }

  private static void put(String partitionKey, String data) {
    emulators.kinesis().putRecord(b -> b.streamName("relay-out").partitionKey(partitionKey)
        .data(SdkBytes.fromUtf8String(data)));
  }
}
