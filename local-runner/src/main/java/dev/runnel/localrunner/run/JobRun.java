package dev.runnel.localrunner.run;

import dev.runnel.functions.StageMetrics;
import dev.runnel.functions.StageResources;
import dev.runnel.localrunner.esm.EventSourceMapping;
import dev.runnel.localrunner.esm.MappingCounters;
import dev.runnel.localrunner.esm.MappingSettings;
import dev.runnel.localrunner.esm.OnFailureEvent;
import dev.runnel.localrunner.input.InputFeeder;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.input.SourceInputs;
import dev.runnel.localrunner.provision.Provisioner;
import dev.runnel.localrunner.summary.FedInput;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.localrunner.summary.SinkCollector;
import dev.runnel.localrunner.summary.StageCounts;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * One run of a plan against running emulators: provision, start one event source mapping per stage driving the
 * real stage handler, feed the inputs, wait until quiet, stop the mappings and collect the summary.
 */
public final class JobRun {
  private final Plan plan;
  private final KinesisClient kinesis;
  private final DynamoDbClient dynamoDb;
  private final RunOptions options;

  /** A run of {@code plan} with these clients; the emulators must be up and stay up until {@link #run()} returns. */
  public JobRun(Plan plan, KinesisClient kinesis, DynamoDbClient dynamoDb, RunOptions options) {
    this.plan = plan;
    this.kinesis = kinesis;
    this.dynamoDb = dynamoDb;
    this.options = options;
  }

  /**
   * Runs the job to quiet and returns what it produced.
   *
   * @throws LocalRunException if a stage's consumer failed or the job did not go quiet in time
   */
  public RunSummary run() {
    long started = System.nanoTime();
    List<InputSource> inputs = SourceInputs.resolve(plan, options.inputs(), options.jobClassLoader());
    options.progress().accept("provisioning " + plan.streams().size() + " streams and " + plan.tables().size()
        + " tables");
    new Provisioner(kinesis, dynamoDb).provision(plan);

    CollectedConsole console = new CollectedConsole();
    StageResources resources = new StageResources(kinesis, dynamoDb, console);
    List<OnFailureEvent> discarded = new CopyOnWriteArrayList<>();
    List<EventSourceMapping> mappings = new ArrayList<>();
    List<StageFunctions> functions = new ArrayList<>();
    try {
      for (StageSpec stage : plan.stages()) {
        StageFunctions stageFunctions = new StageFunctions(plan, stage.id(), resources, options.jobClassLoader(),
            options.functions());
        MappingSettings settings = MappingSettings.of(stage.id(), stage.input().stream(), stage.batching())
            .withPollInterval(options.pollInterval());
        EventSourceMapping mapping = new EventSourceMapping(kinesis, settings, stageFunctions, discarded::add);
        mappings.add(mapping);
        functions.add(stageFunctions);
        mapping.start();
      }
      options.progress().accept("started " + mappings.size() + " event source mappings");

      List<FedInput> fed = new ArrayList<>();
      InputFeeder feeder = new InputFeeder(kinesis);
      for (InputSource input : inputs) {
        int count = feeder.feed(input);
        fed.add(new FedInput(input.stream(), input.label(), count));
        options.progress().accept("fed " + count + " records into " + input.stream() + " from " + input.label());
      }
      options.progress().accept("waiting until every stage has caught up");
      new Quiescence(mappings).await(options.quietTimeout());
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      mappings.forEach(EventSourceMapping::close);

      SinkCollector collector = new SinkCollector(plan, kinesis, dynamoDb, options.jobClassLoader());
      return new RunSummary(plan, elapsed, fed, collector.sinks(console.lines()), collector.deadLetters(),
          discarded, counts(mappings, functions));
    } catch (TimeoutException e) {
      throw new LocalRunException("job " + plan.job() + " did not go quiet: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalRunException("interrupted while running job " + plan.job(), e);
    } catch (IllegalStateException e) {
      throw new LocalRunException("job " + plan.job() + " failed: " + e.getMessage(), e);
    } finally {
      mappings.forEach(EventSourceMapping::close);
    }
  }

  private List<StageCounts> counts(List<EventSourceMapping> mappings, List<StageFunctions> functions) {
    List<StageCounts> counts = new ArrayList<>();
    for (int i = 0; i < mappings.size(); i++) {
      MappingCounters.Snapshot mapping = mappings.get(i).counters();
      StageMetrics metrics = functions.get(i).metrics();
      counts.add(new StageCounts(plan.stages().get(i).id(), mapping.invocations(), metrics.recordsIn(),
          metrics.recordsOut(), metrics.filteredOut(), metrics.deadLettered(), mapping.retries(), mapping.bisects(),
          mapping.discardedRecords(), metrics.skipped(), metrics.putRecordsCalls(), metrics.stateRequests(),
          metrics.stateWrites(), metrics.stateWriteUnits(), metrics.checkpointRequests()));
    }
    return counts;
  }
}
