package dev.runnel.faults.inject;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.runnel.faults.FaultDice;
import dev.runnel.faults.FaultLog;
import dev.runnel.faults.FaultPlan;
import dev.runnel.functions.StageHandler;
import dev.runnel.functions.StageResources;
import dev.runnel.localrunner.run.FunctionFactory;
import dev.runnel.plan.Plan;
import dev.runnel.plan.TableRole;
import dev.runnel.plan.TableSpec;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Creates each shard's function with the plan's faults: wrapped clients (throttling, crashes mid-write), a crashing
 * commit observer, redeliveries and zombies around the real handler.
 */
public final class FaultyFunctions implements FunctionFactory {
  private final FaultPlan faults;
  private final FaultLog log;
  private final Zombies zombies;
  private final String stateTable;
  private final Set<String> sinkTables;

  /** Functions for {@code plan} injecting {@code faults}, logging them to {@code log}, zombies in {@code zombies}. */
  public FaultyFunctions(Plan plan, FaultPlan faults, FaultLog log, Zombies zombies) {
    this.faults = faults;
    this.log = log;
    this.zombies = zombies;
    this.stateTable = plan.tables(TableRole.STATE).stream().map(TableSpec::name).findFirst().orElse(null);
    this.sinkTables = plan.tables(TableRole.SINK).stream().map(TableSpec::name).collect(Collectors.toSet());
  }

  @Override
  public RequestHandler<KinesisEvent, StreamsEventResponse> create(String stageId, String shardId,
      StageResources resources, Function<StageResources, StageHandler> newHandler) {
    FaultDice dice = new FaultDice(faults, log, stageId + "/" + shardId);
    KinesisClient kinesis = new ThrottlingKinesisClient(new CrashingKinesisClient(resources.kinesis(), dice), dice);
    DynamoDbClient dynamoDb = new CrashingDynamoDbClient(new ThrottlingDynamoDbClient(resources.dynamoDb(), dice),
        dice, stateTable, sinkTables);
    RequestHandler<KinesisEvent, StreamsEventResponse> handler =
        newHandler.apply(resources.withClients(kinesis, dynamoDb).withObserver(new CrashingObserver(dice)));
    handler = new RedeliveringHandler(handler, dice);
    handler = new ZombieHandler(handler, dice, observer -> newHandler.apply(resources.withObserver(observer)),
        zombies);
    return new CountingFunction(handler, dice);
  }
}
