package dev.runnel.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.functions.fixtures.FakeDynamoDb;
import dev.runnel.functions.fixtures.FakeKinesis;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.functions.fixtures.RoutingJob;
import dev.runnel.functions.fixtures.RoutingJob.Line;
import dev.runnel.functions.fixtures.RoutingJob.Order;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.PlanJson;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.TableRole;
import dev.runnel.plan.TableSpec;
import dev.runnel.planner.Planner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/** Runs the stages of a plan made by the real planner, feeding stage 1's repartition stream into stage 2. */
class PlannedJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void runsBothStagesOfAPlannedJobThroughTheRepartitionStream() throws Exception {
    Plan plan = PlanJson.read(PlanJson.write(Planner.plan(RoutingJob.class)));
    assertThat(plan.stages()).hasSize(2);
    StageSpec first = plan.stages().get(0);
    StageSpec second = plan.stages().get(1);
    OutputSpec repartition = first.outputs().stream().filter(o -> o.kind() == OutputKind.REPARTITION)
        .findFirst().orElseThrow();

    Map<String, List<String>> keys = new HashMap<>();
    for (TableSpec table : plan.tables()) {
      keys.put(table.name(), table.sortKey() == null ? List.of(table.partitionKey())
          : List.of(table.partitionKey(), table.sortKey()));
    }
    FakeKinesis kinesis = new FakeKinesis();
    FakeDynamoDb dynamoDb = new FakeDynamoDb(keys);
    List<String> console = new ArrayList<>();
    StageResources resources = new StageResources(kinesis, dynamoDb, (sink, json) -> console.add(sink + " " + json));
    StageHandler stage1 = new StageHandler(plan, first.id(), resources);
    StageHandler stage2 = new StageHandler(plan, second.id(), resources);

    KinesisEvent input = KinesisEvents.onShard("shardId-000000000000")
        .add("1", "o1", JSON.writeValueAsString(new Order("o1", "alice", "FR",
            List.of(new Line("A", 2, 600), new Line("B", 1, 100)))))
        .add("2", "o2", JSON.writeValueAsString(new Order("o2", "bob", "XX", List.of(new Line("C", 1, 5000)))))
        .add("3", "o3", JSON.writeValueAsString(new Order("o3", "carol", "US", List.of(new Line("D", 4, 900)))))
        .build();
    assertThat(stage1.handleRequest(input, null).getBatchItemFailures()).isEmpty();

    List<PutRecordsRequestEntry> routed = kinesis.accepted(repartition.target());
    assertThat(routed).extracting(PutRecordsRequestEntry::partitionKey).containsExactly("alice", "carol");
    KinesisEvents next = KinesisEvents.onShard("shardId-000000000001");
    for (int i = 0; i < routed.size(); i++) {
      next.add(Integer.toString(10 + i), routed.get(i).partitionKey(), routed.get(i).data().asByteArray());
    }
    assertThat(stage2.handleRequest(next.build(), null).getBatchItemFailures()).isEmpty();

    String table = plan.tables(TableRole.SINK).get(0).name();
    assertThat(dynamoDb.items(table)).extracting(i -> i.get("shipmentId").s()).containsExactly("o1-1", "o3-1");
    assertThat(kinesis.accepted("routing-shipments-out")).extracting(PutRecordsRequestEntry::partitionKey)
        .containsExactly("alice", "carol");
    assertThat(console).hasSize(2).allMatch(line -> line.startsWith("routing-console {"));
    assertThat(dynamoDb.items(plan.deadLetterTable().name())).singleElement()
        .satisfies(dead -> {
          assertThat(dead.get("source").s()).isEqualTo(first.id() + "/shardId-000000000000");
          assertThat(dead.get("operator").s()).isEqualTo("route");
        });
    assertThat(stage1.metrics().deadLettered()).isEqualTo(1);
    assertThat(stage2.metrics().filteredOut()).as("o1-2 is worth 1.00").isEqualTo(1);
  }
}
