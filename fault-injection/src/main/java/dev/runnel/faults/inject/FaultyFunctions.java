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
import dev.runnel.localrunner.run.TickFunction;
import dev.runnel.plan.Plan;
import dev.runnel.plan.TableRole;
import dev.runnel.plan.TableSpec;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Creates each shard's function and each stage's tick function with the plan's faults: wrapped clients (throttling,
 * crashes mid-write), a crashing commit observer, redeliveries and zombies around the real handler; ticks get the
 * same clients and observer, and zombie ticks.
 */
public final class FaultyFunctions implements FunctionFactory {
  private final FaultPlan faults;
  private final FaultLog log;
  private final Zombies zombies;
  private final String stateTable;
  private final Set<String> sinkTables;
  private final String timersTable;
  private final String stateLogTable;

  /** Functions for {@code plan} injecting {@code faults}, logging them to {@code log}, zombies in {@code zombies}. */
  public FaultyFunctions(Plan plan, FaultPlan faults, FaultLog log, Zombies zombies) {
    this.faults = faults;
    this.log = log;
    this.zombies = zombies;
    this.stateTable = plan.tables(TableRole.STATE).stream().map(TableSpec::name).findFirst().orElse(null);
    this.sinkTables = plan.tables(TableRole.SINK).stream().map(TableSpec::name).collect(Collectors.toSet());
    this.timersTable = plan.tables(TableRole.TIMERS).stream().map(TableSpec::name).findFirst().orElse(null);
    this.stateLogTable = plan.tables(TableRole.STATE_LOG).stream().map(TableSpec::name).findFirst().orElse(null);
  }

  @Override
  public RequestHandler<KinesisEvent, StreamsEventResponse> create(String stageId, String shardId,
      StageResources resources, Function<StageResources, StageHandler> newHandler) {
    FaultDice dice = new FaultDice(faults, log, stageId + "/" + shardId);
    RequestHandler<KinesisEvent, StreamsEventResponse> handler = newHandler.apply(faulty(resources, dice));
    handler = new RedeliveringHandler(handler, dice);
    handler = new ZombieHandler(handler, dice, observer -> newHandler.apply(resources.withObserver(observer)),
        zombies);
    return new CountingFunction(handler, dice);
  }

  /**
   * The stage's tick function: the real {@link StageHandler#tick()} on the faulty clients with the crashing observer,
   * so a tick can crash after any step of a firing round (or mid-write), throttle, and race a zombie tick. A crashed
   * tick's environment is replaced by a new one; the next tick (or batch) completes what it left.
   */
  @Override
  public TickFunction ticker(String stageId, StageResources resources,
      Function<StageResources, StageHandler> newHandler) {
    FaultDice dice = new FaultDice(faults, log, stageId + FaultLog.TICK);
    StageResources faultyResources = faulty(resources, dice);
    return new FaultyTicker(dice, () -> newHandler.apply(faultyResources),
        observer -> newHandler.apply(resources.withObserver(observer)), zombies);
  }

  private StageResources faulty(StageResources resources, FaultDice dice) {
    KinesisClient kinesis = new ThrottlingKinesisClient(new CrashingKinesisClient(resources.kinesis(), dice), dice);
    DynamoDbClient dynamoDb = new CrashingDynamoDbClient(new ThrottlingDynamoDbClient(resources.dynamoDb(), dice),
        dice, stateTable, sinkTables, timersTable, stateLogTable);
    return resources.withClients(kinesis, dynamoDb).withObserver(new CrashingObserver(dice));
  }
}
