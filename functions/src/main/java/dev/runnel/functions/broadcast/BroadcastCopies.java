package dev.runnel.functions.broadcast;

import dev.runnel.functions.output.StreamRecord;
import dev.runnel.functions.time.StreamShards;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Where the copies of a broadcast output's records go (docs/broadcast.md): one to every open shard of the stream,
 * routed by the shard's starting hash key from the cached listing, as watermark markers are; when a copy lands in a
 * shard the listing does not know (a split's upper child), the stream was resharded since, and the copies are sent
 * again to the shards the listing then adds ({@link #missed}), before anything that follows the record (the commit's
 * {@code putInOrder}). Every copy carries the record's identity, so a shard (or a child that
 * adopted its parent's dedup memory) that gets one twice applies it once.
 */
public final class BroadcastCopies {
  /** Rounds of following reshards for one write before giving up (the next write starts over). */
  public static final int MAX_ROUNDS = 3;

  private final StreamShards shards;

  /** Copies routed by the open shards {@code shards} lists. */
  public BroadcastCopies(StreamShards shards) {
    this.shards = shards;
  }

  /** The open shards' starting hash keys of {@code stream}, as cached. */
  public List<String> starts(String stream) {
    List<String> starts = shards.openShardStarts(stream);
    if (starts.isEmpty()) {
      throw new IllegalStateException("stream " + stream + " has no open shard to broadcast to; create the stream"
          + " (runnel template or the local runner does) before running the job");
    }
    return starts;
  }

  /** One copy of {@code record} per starting hash key of {@code starts}. */
  public static List<StreamRecord> copies(StreamRecord record, Collection<String> starts) {
    List<StreamRecord> copies = new ArrayList<>(starts.size());
    for (String start : starts) {
      copies.add(record.copyTo(start));
    }
    return copies;
  }

  /**
   * The starts of open shards of {@code stream} not in {@code sent}, after copies landed in the shards
   * {@code landedIn}: empty unless the stream was resharded since the listing was cached.
   */
  public List<String> missed(String stream, Collection<String> sent, Collection<String> landedIn) {
    List<String> missed = new ArrayList<>(shards.openShardStarts(stream, landedIn));
    missed.removeAll(sent);
    return missed;
  }
}
