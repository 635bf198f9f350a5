package dev.runnel.localrunner.run;

import dev.runnel.checkpointing.progress.ProgressStore;
import dev.runnel.checkpointing.progress.ShardProgress;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import java.time.Clock;
import dev.runnel.functions.kafka.KafkaOutput;
import dev.runnel.functions.kafka.KafkaRecordWriter;
import dev.runnel.functions.kinesis.KinesisRecordWriter;
import dev.runnel.functions.retry.RetryPolicy;
import dev.runnel.functions.time.KinesisStreamShards;
import dev.runnel.functions.time.MarkerWriter;
import dev.runnel.functions.time.StreamShards;
import dev.runnel.functions.time.TopicAwareShards;
import dev.runnel.functions.time.WatermarkMarker;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;

/**
 * The end of a bounded input, declared the way Flink ends a bounded source: with the final watermark.
 *
 * <p>A local run feeds finite files. Once every record has been fed and the stages reading the sources have drained
 * them (the event source mappings are quiet), no record will ever arrive again, but the windows still open would
 * wait forever: a source stage's watermark trails the newest event time by the bound on out-of-orderness. So the
 * runner announces, for every stage that reads a source with event time ({@code time() != null} and no upstream
 * stages) and every shard of its input stream, the watermark {@link Long#MAX_VALUE}, as that shard would: a marker on
 * every shard of the streams the stage feeds, and its progress row. The stages downstream read the marker, fire every
 * remaining window and event-time timer, and announce {@code Long.MAX_VALUE} in turn, so it travels to the end of
 * the job; the run then ticks until quiet.
 *
 * <p>Progress rows only rise, so the stage's own later publishes cannot take it back. Declare it only when the input
 * really ended: a record that arrives afterwards is late for every window. A run against an unbounded input must not
 * declare it ({@link RunOptions#endOfInput()} false).
 */
public final class EndOfInput {
  /** The final watermark: every event time is at or before it. */
  public static final long FINAL_WATERMARK = Long.MAX_VALUE;

  private final Plan plan;
  private final KinesisClient kinesis;
  private final ProgressStore progress;
  private final Clock clock;
  private final KafkaOutput kafka;

  /** Declares the end of input of {@code plan}, listing shards with {@code kinesis}, publishing to {@code progress}. */
  public EndOfInput(Plan plan, KinesisClient kinesis, ProgressStore progress, Clock clock) {
    this(plan, kinesis, progress, clock, KafkaOutput.NONE);
  }

  /**
   * As above, announcing to the Kafka topics the source stages feed through {@code kafka}; a source topic's shards are
   * its partitions, {@code <topic>-<n>}, as many as the plan created.
   */
  public EndOfInput(Plan plan, KinesisClient kinesis, ProgressStore progress, Clock clock, KafkaOutput kafka) {
    this.plan = plan;
    this.kinesis = kinesis;
    this.progress = progress;
    this.clock = clock;
    this.kafka = kafka;
  }

  /** The stages that read a source with event time: where the end of input is declared; empty without time. */
  public static List<StageSpec> sourceStages(Plan plan) {
    return plan.stages().stream().filter(stage -> stage.time() != null && stage.time().readsSource()).toList();
  }

  /** True when the plan has a stage reading a source with event time, so that there is something to declare. */
  public static boolean applies(Plan plan) {
    return !sourceStages(plan).isEmpty();
  }

  /**
   * Publishes the final watermark for every shard (closed ones included) of the input stream of every source stage.
   *
   * @return the rows published
   */
  public List<ShardProgress> declare() {
    List<ShardProgress> published = new ArrayList<>();
    long now = clock.millis();
    List<String> topics = plan.kafkaTopics();
    StreamShards streamShards = TopicAwareShards.of(new KinesisStreamShards(kinesis, clock), topics);
    for (StageSpec stage : sourceStages(plan)) {
      List<String> fed = stage.outputs().stream().filter(o -> o.kind() == OutputKind.REPARTITION)
          .map(OutputSpec::target).toList();
      MarkerWriter markers = new MarkerWriter(new KinesisRecordWriter(kinesis, RetryPolicy.DEFAULT), streamShards,
          fed.stream().filter(stream -> !topics.contains(stream)).toList(), new KafkaRecordWriter(kafka),
          fed.stream().filter(topics::contains).toList());
      for (String shard : shards(stage.input().stream())) {
        ShardProgress row = new ShardProgress(stage.id(), shard, FINAL_WATERMARK, now);
        progress.publish(row);
        if (!markers.announce(new WatermarkMarker(stage.id(), shard, FINAL_WATERMARK))) {
          throw new IllegalStateException("could not announce the end of input of stage " + stage.id() + " shard "
              + shard + " to the stages it feeds");
        }
        published.add(row);
      }
    }
    return published;
  }

  private List<String> shards(String stream) {
    if (plan.kafkaTopics().contains(stream)) {
      int partitions = plan.stream(stream).orElseThrow().shards();
      return java.util.stream.IntStream.range(0, partitions).mapToObj(p -> stream + "-" + p).toList();
    }
    List<String> shards = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListShardsResponse page = next == null
          ? kinesis.listShards(b -> b.streamName(stream))
          : kinesis.listShards(b -> b.nextToken(next));
      page.shards().forEach(shard -> shards.add(shard.shardId()));
      token = page.nextToken();
    } while (token != null);
    return shards;
  }
}
