package dev.runnel.localrunner.esm;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/** A test function: records every batch it is given and answers as {@code behaviour} says. */
final class RecordingHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
  /** One invocation as seen by the function. */
  record Invocation(String shardId, List<String> data, List<String> sequenceNumbers, KinesisEvent event,
      int invocationNumber) {}

  private final String shardId;
  private final List<Invocation> invocations;
  private final BiFunction<Invocation, Integer, StreamsEventResponse> behaviour;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight;

  RecordingHandler(String shardId, List<Invocation> invocations, AtomicInteger maxInFlight,
      BiFunction<Invocation, Integer, StreamsEventResponse> behaviour) {
    this.shardId = shardId;
    this.invocations = invocations;
    this.maxInFlight = maxInFlight;
    this.behaviour = behaviour;
  }

  /** A factory whose handlers all record into {@code invocations}. */
  static ShardHandlerFactory factory(List<Invocation> invocations, AtomicInteger maxInFlightPerShard,
      BiFunction<Invocation, Integer, StreamsEventResponse> behaviour) {
    return shardId -> new RecordingHandler(shardId, invocations, maxInFlightPerShard, behaviour);
  }

  /** A list safe to share between shard threads. */
  static List<Invocation> log() {
    return new CopyOnWriteArrayList<>();
  }

  @Override
  public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      List<String> data = event.getRecords().stream()
          .map(r -> StandardCharsets.UTF_8.decode(r.getKinesis().getData().duplicate()).toString()).toList();
      List<String> sequences = event.getRecords().stream().map(r -> r.getKinesis().getSequenceNumber()).toList();
      int number;
      Invocation invocation;
      synchronized (invocations) {
        number = invocations.size() + 1;
        invocation = new Invocation(shardId, data, sequences, event, number);
        invocations.add(invocation);
      }
      return behaviour.apply(invocation, number);
    } finally {
      inFlight.decrementAndGet();
    }
  }
}
