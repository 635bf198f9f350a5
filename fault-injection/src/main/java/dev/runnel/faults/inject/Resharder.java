package dev.runnel.faults.inject;

import dev.runnel.faults.FaultDice;
import dev.runnel.faults.FaultKind;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** Splits or merges shards of a stream while a job runs, waiting until the stream is ACTIVE again. */
public final class Resharder {
  private final KinesisClient kinesis;
  private final String stream;
  private final FaultDice dice;
  private final FaultKind splitKind;
  private final FaultKind mergeKind;

  /** A resharder of a source {@code stream}, choosing shards with {@code dice} and logging to its log. */
  public Resharder(KinesisClient kinesis, String stream, FaultDice dice) {
    this(kinesis, stream, dice, FaultKind.SHARD_SPLIT, FaultKind.SHARD_MERGE);
  }

  /** A resharder of {@code stream} that logs its splits as {@code splitKind} and its merges as {@code mergeKind}. */
  public Resharder(KinesisClient kinesis, String stream, FaultDice dice, FaultKind splitKind, FaultKind mergeKind) {
    this.kinesis = kinesis;
    this.stream = stream;
    this.dice = dice;
    this.splitKind = splitKind;
    this.mergeKind = mergeKind;
  }

  /** Splits a random open shard at the middle of its hash key range. */
  public void split() {
    List<Shard> open = openShards();
    Shard shard = open.get(dice.nextInt(open.size()));
    BigInteger start = new BigInteger(shard.hashKeyRange().startingHashKey());
    BigInteger end = new BigInteger(shard.hashKeyRange().endingHashKey());
    String middle = start.add(end).shiftRight(1).add(BigInteger.ONE).toString();
    kinesis.splitShard(b -> b.streamName(stream).shardToSplit(shard.shardId()).newStartingHashKey(middle));
    dice.log().record(splitKind, stream + " " + shard.shardId() + " at " + middle);
    awaitActive();
  }

  /** Merges two random adjacent open shards; does nothing if the stream has a single open shard. */
  public void merge() {
    List<Shard> open = openShards().stream()
        .sorted(Comparator.comparing(s -> new BigInteger(s.hashKeyRange().startingHashKey()))).toList();
    if (open.size() < 2) {
      return;
    }
    int first = dice.nextInt(open.size() - 1);
    Shard a = open.get(first);
    Shard b = open.get(first + 1);
    kinesis.mergeShards(r -> r.streamName(stream).shardToMerge(a.shardId()).adjacentShardToMerge(b.shardId()));
    dice.log().record(mergeKind, stream + " " + a.shardId() + " + " + b.shardId());
    awaitActive();
  }

  private List<Shard> openShards() {
    return kinesis.listShards(b -> b.streamName(stream)).shards().stream()
        .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null).toList();
  }

  private void awaitActive() {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamStatus()
        != StreamStatus.ACTIVE) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("stream " + stream + " did not become ACTIVE after resharding");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while resharding " + stream, e);
      }
    }
  }
}
