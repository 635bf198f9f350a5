package dev.runnel.localrunner.esm;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads one shard from TRIM_HORIZON and feeds its records to the shard's lanes ({@link ShardLane}), each with its own
 * handler instance. With a ParallelizationFactor of 1 there is one lane, run on this thread: records in order, one
 * batch at a time. Above 1, each partition key goes to the lane its {@link LaneHash} picks, and every lane runs its
 * batches on its own thread, next to the others: order holds per partition key only, as in Lambda. Runs until the
 * shard is closed and drained, or until stopped.
 */
final class ShardConsumer implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ShardConsumer.class);
  private static final int MAX_GET_RECORDS = 10_000;

  private final String shardId;
  private final MappingSettings settings;
  private final KinesisClient kinesis;
  private final BiConsumer<String, List<ChildShard>> onFinished;
  private final List<ShardLane> lanes = new ArrayList<>();

  private String iterator;
  private String lastFetchedSequence;
  private List<ChildShard> children = List.of();

  private volatile boolean stopping;
  private volatile boolean drained;
  private volatile boolean lastFetchEmpty;
  private volatile boolean finished;
  private volatile long fetches;
  private volatile long recordsFetched;
  private volatile long millisBehind;

  ShardConsumer(String shardId, String streamArn, MappingSettings settings, KinesisClient kinesis,
      Supplier<RequestHandler<KinesisEvent, StreamsEventResponse>> handlers, MappingCounters counters,
      OnFailureDestination destination, BiConsumer<String, List<ChildShard>> onFinished) {
    this.shardId = shardId;
    this.settings = settings;
    this.kinesis = kinesis;
    this.onFinished = onFinished;
    int factor = settings.batching().parallelizationFactor();
    for (int lane = 0; lane < factor; lane++) {
      lanes.add(new ShardLane(shardId, factor == 1 ? "shard " + shardId : "shard " + shardId + " lane " + lane,
          streamArn, settings, handlers.get(), counters, destination, () -> stopping));
    }
  }

  /** Asks the loop to end after the batches in flight, if any. */
  void stop() {
    stopping = true;
  }

  /** Where the shard stands now. */
  ShardProgress progress() {
    boolean busy = lanes.stream().anyMatch(lane -> lane.invoking() || lane.buffered() > 0);
    boolean idle = finished || (!busy && lastFetchEmpty);
    String lastFailure = lanes.stream().map(ShardLane::lastFailure).filter(f -> f != null).findFirst().orElse(null);
    return new ShardProgress(shardId, fetches, recordsFetched,
        lanes.stream().mapToLong(ShardLane::invocations).sum(), idle, finished, lastFailure, millisBehind, buffered());
  }

  @Override
  public void run() {
    Thread.currentThread().setName("esm-" + settings.functionName() + "-" + shardId);
    try {
      iterator = kinesis.getShardIterator(b -> b.streamName(settings.streamName()).shardId(shardId)
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      boolean done = lanes.size() == 1 ? runOneLane() : runLanes();
      if (done) {
        finished = true;
        onFinished.accept(shardId, children);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (!stopping) {
        LOG.error("consumer of {} shard {} failed", settings.functionName(), shardId, e);
        throw e;
      }
    }
  }

  /** One batch at a time on this thread; true once the shard is closed and every record processed. */
  private boolean runOneLane() throws InterruptedException {
    ShardLane lane = lanes.get(0);
    while (!stopping) {
      boolean fetched = fetchIfRoom();
      if (lane.step(iterator == null)) {
        continue;
      }
      if (iterator == null && lane.buffered() == 0) {
        return true;
      }
      if (!fetched || lane.buffered() < settings.batching().batchSize()) {
        pause(settings.pollInterval().toMillis());
      }
    }
    return false;
  }

  /** Every lane on a thread of its own while this thread fetches; true once every lane is drained. */
  private boolean runLanes() throws InterruptedException {
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < lanes.size(); i++) {
      ShardLane lane = lanes.get(i);
      Thread thread = new Thread(() -> runLane(lane, failures),
          "esm-" + settings.functionName() + "-" + shardId + "-lane-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    try {
      while (!stopping && iterator != null) {
        boolean fetched = fetchIfRoom();
        if (!fetched || buffered() < settings.batching().batchSize()) {
          pause(settings.pollInterval().toMillis());
        }
      }
      drained = iterator == null;
      for (Thread thread : threads) {
        thread.join();
      }
    } finally {
      stopping |= !drained;
      for (Thread thread : threads) {
        thread.interrupt();
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("a lane of " + settings.functionName() + " shard " + shardId + " failed",
          failures.get(0));
    }
    return drained && !stopping;
  }

  private void runLane(ShardLane lane, List<Throwable> failures) {
    try {
      while (!stopping && !(drained && lane.buffered() == 0)) {
        if (!lane.step(drained)) {
          Thread.sleep(Math.max(1, Math.min(20, settings.pollInterval().toMillis())));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      if (!stopping) {
        failures.add(e);
      }
    }
  }

  private int buffered() {
    return lanes.stream().mapToInt(ShardLane::buffered).sum();
  }

  private boolean fetchIfRoom() throws InterruptedException {
    if (iterator == null || buffered() >= settings.batching().batchSize() * lanes.size()) {
      return false;
    }
    GetRecordsResponse response;
    try {
      String current = iterator;
      response = kinesis.getRecords(b -> b.shardIterator(current).limit(MAX_GET_RECORDS));
    } catch (ExpiredIteratorException e) {
      iterator = lastFetchedSequence == null
          ? kinesis.getShardIterator(b -> b.streamName(settings.streamName()).shardId(shardId)
              .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator()
          : kinesis.getShardIterator(b -> b.streamName(settings.streamName()).shardId(shardId)
              .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
              .startingSequenceNumber(lastFetchedSequence)).shardIterator();
      return false;
    } catch (RuntimeException e) {
      if (stopping) {
        return false;
      }
      LOG.warn("GetRecords on {} failed, retrying: {}", shardId, e.toString());
      pause(settings.pollInterval().toMillis());
      return false;
    }
    List<Record> records = response.records();
    if (!records.isEmpty()) {
      dispatch(records);
      lastFetchedSequence = records.get(records.size() - 1).sequenceNumber();
      recordsFetched += records.size();
    }
    if (response.millisBehindLatest() != null) {
      millisBehind = response.millisBehindLatest();
    }
    iterator = response.nextShardIterator();
    if (iterator == null && response.hasChildShards()) {
      children = response.childShards();
    }
    lastFetchEmpty = records.isEmpty();
    fetches++;
    return !records.isEmpty();
  }

  /** Hands each record to the lane of its partition key, keeping shard order within every lane. */
  private void dispatch(List<Record> records) {
    if (lanes.size() == 1) {
      lanes.get(0).offer(records);
      return;
    }
    List<List<Record>> byLane = new ArrayList<>();
    lanes.forEach(lane -> byLane.add(new ArrayList<>()));
    for (Record record : records) {
      byLane.get(settings.laneHash().lane(record.partitionKey(), lanes.size())).add(record);
    }
    for (int i = 0; i < lanes.size(); i++) {
      lanes.get(i).offer(byLane.get(i));
    }
  }

  private void pause(long millis) throws InterruptedException {
    if (millis > 0 && !stopping) {
      Thread.sleep(millis);
    }
  }
}
