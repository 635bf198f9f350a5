package dev.runnel.functions.time;

import dev.runnel.checkpointing.checkpoint.ShardTime;
import dev.runnel.checkpointing.progress.ProgressStore;
import dev.runnel.checkpointing.progress.ShardProgress;
import dev.runnel.plan.EventTimeSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * How one stage's shards advance their watermark (docs/time.md). A stage reading a source follows the highest event
 * time it has seen, minus the bound on out-of-orderness. Any other stage follows the minimum of the watermarks its
 * upstream shards announced in-band, over the shards the progress table lists, leaving out idle and drained shards
 * once their last announcement is read. Either way a watermark never goes back.
 */
public final class Watermarks {
  private final EventTimeSpec source;
  private final ProgressStore progress;
  private final Map<String, Long> idleAfterByUpstream;
  private final Map<String, String> streamByUpstream;
  private final StreamShards shards;
  private final Map<String, Integer> plannedShardsByUpstream;
  /** When this instance first saw each open upstream shard without a progress row, by {@code stage|shardId}. */
  private final Map<String, Long> rowlessSince = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The watermarks of a stage.
   *
   * @param source              the event time of the source this stage reads, or null for a stage reading upstream
   *                            stages (or a source without event time)
   * @param progress            the progress table
   * @param idleAfterByUpstream each upstream stage and the idleness timeout of its shards (0: never idle)
   */
  public Watermarks(EventTimeSpec source, ProgressStore progress, Map<String, Long> idleAfterByUpstream) {
    this(source, progress, idleAfterByUpstream, Map.of(), StreamShards.NONE);
  }

  /**
   * As above, leaving out the rows of closed parent shards once a child has published.
   *
   * @param streamByUpstream each upstream stage and its input stream, whose shards its rows name
   * @param shards           the shard lineage of those streams
   */
  public Watermarks(EventTimeSpec source, ProgressStore progress, Map<String, Long> idleAfterByUpstream,
      Map<String, String> streamByUpstream, StreamShards shards) {
    this(source, progress, idleAfterByUpstream, streamByUpstream, shards, Map.of());
  }

  /**
   * As above, knowing how many shards each upstream stage's input stream was planned with: a record is judged late
   * against what the upstream shards announced only once that many of them have been heard from
   * ({@link #judging}).
   *
   * @param plannedShardsByUpstream each upstream stage and the shard count of its input stream in the plan
   */
  public Watermarks(EventTimeSpec source, ProgressStore progress, Map<String, Long> idleAfterByUpstream,
      Map<String, String> streamByUpstream, StreamShards shards, Map<String, Integer> plannedShardsByUpstream) {
    this.plannedShardsByUpstream = Map.copyOf(plannedShardsByUpstream);
    this.source = source;
    this.progress = progress;
    this.idleAfterByUpstream = Map.copyOf(idleAfterByUpstream);
    this.streamByUpstream = Map.copyOf(streamByUpstream);
    this.shards = shards;
  }

  /** How long this source stage's shards may go without records before readers take them for idle; 0: never. */
  public long idleAfterMillis() {
    return source == null ? 0 : source.idleAfterMillis();
  }

  /** True for a stage that computes its watermark from its own records. */
  public boolean readsSource() {
    return idleAfterByUpstream.isEmpty();
  }

  /** The time after a batch whose records had these event times (NONE entries ignored), run at {@code nowMillis}. */
  public ShardTime afterRecords(ShardTime before, List<Long> eventTimes, long nowMillis) {
    long max = before.maxEventTime();
    for (long time : eventTimes) {
      if (time != StageClock.NONE) {
        max = Math.max(max, time);
      }
    }
    long watermark = before.watermark();
    if (source != null && max != ShardTime.NONE) {
      watermark = Math.max(watermark, SaturatingTime.minus(max, source.maxOutOfOrdernessMillis()));
    }
    return new ShardTime(watermark, before.processingTime(), before.pendingWatermark(),
        before.pendingProcessingTime(), max, nowMillis);
  }

  /**
   * The watermark a stage reading upstream stages may advance to at {@code nowMillis}, never below {@code current}.
   * Each upstream shard that has published a progress row counts with the watermark it announced in-band, in a
   * marker or record this shard has read ({@code announced}, by {@code stage|shardId}): everything it sent before is
   * read, so no unread record can turn late. A shard that is idle (a source shard quiet for its {@code idleAfter}) or
   * drained (a resharded parent with a child that published) is left out once this shard has read its last
   * announcement, that is, once the announced watermark reached its published one; a drained parent whose published
   * watermark never moved from NONE announced nothing and is left out even unheard (its children, read after it,
   * hold the minimum until this shard hears from them). A shard without any announcement
   * holds the watermark at {@code current}, and so does an open shard of the upstream's input stream that has not
   * published a row yet (its first batch may still be running, slowly, say while it calls a model) until it has been
   * without one for its {@code idleAfter}, as a source shard that never gets a record would be.
   */
  public long upstream(long current, long nowMillis, Map<String, Long> announced) {
    long minimum = Long.MAX_VALUE;
    boolean any = false;
    Set<String> listed = new HashSet<>();
    for (Map.Entry<String, Long> upstream : idleAfterByUpstream.entrySet()) {
      List<ShardProgress> rows = progress.read(upstream.getKey());
      Set<String> drained = drainedParents(upstream.getKey(), rows);
      if (rowless(upstream.getKey(), upstream.getValue(), rows, announced, nowMillis)) {
        return current;
      }
      for (ShardProgress shard : rows) {
        listed.add(upstream.getKey() + "|" + shard.shardId());
        Long heard = announced.get(upstream.getKey() + "|" + shard.shardId());
        long idleAfter = upstream.getValue();
        boolean idle = idleAfter > 0 && shard.watermark() != Long.MAX_VALUE
            && shard.lastRecordMillis() != ShardTime.NONE && nowMillis - shard.lastRecordMillis() > idleAfter;
        boolean quiet = idle || drained.contains(shard.shardId());
        if (quiet && heard != null && heard >= shard.watermark()) {
          continue;
        }
        if (heard == null && drained.contains(shard.shardId()) && shard.watermark() == ShardTime.NONE) {
          // a parent drained before its watermark ever moved announced nothing, and may have sent this shard
          // nothing: its records, if any, come before its children's, whose rows hold the minimum until heard
          continue;
        }
        if (heard == null || heard == ShardTime.NONE) {
          return current;
        }
        minimum = Math.min(minimum, heard);
        any = true;
      }
    }
    for (Map.Entry<String, Long> heard : announced.entrySet()) {
      // a shard heard from whose row this read did not see still counts
      if (!listed.contains(heard.getKey())) {
        if (heard.getValue() == ShardTime.NONE) {
          return current;
        }
        minimum = Math.min(minimum, heard.getValue());
        any = true;
      }
    }
    return any ? Math.max(current, minimum) : current;
  }

  /**
   * True when an open shard of {@code upstream}'s input stream has neither a row nor an announcement yet and has not
   * been without one for its {@code idleAfter} (0: it holds until it publishes; stages that do not read a source tick
   * every shard, so theirs publish within a tick).
   */
  private boolean rowless(String upstream, long idleAfter, List<ShardProgress> rows, Map<String, Long> announced,
      long nowMillis) {
    String stream = streamByUpstream.get(upstream);
    if (stream == null) {
      return false;
    }
    Set<String> withRows = new HashSet<>();
    rows.forEach(row -> withRows.add(row.shardId()));
    boolean holding = false;
    for (String shard : shards.openShards(stream)) {
      String key = upstream + "|" + shard;
      if (withRows.contains(shard) || announced.containsKey(key)) {
        rowlessSince.remove(key);
        continue;
      }
      long since = rowlessSince.computeIfAbsent(key, k -> nowMillis);
      if (idleAfter <= 0 || nowMillis - since <= idleAfter) {
        holding = true;
      }
    }
    return holding;
  }

  /**
   * The lowest watermark announced by the upstream shards this shard has heard from, or NONE when it has heard from
   * none: what the markers read so far guarantee, without the progress table, so it is the same in every attempt.
   */
  public static long heardMinimum(Map<String, Long> announced) {
    return announced.isEmpty() ? ShardTime.NONE : java.util.Collections.min(announced.values());
  }

  /**
   * The watermark a record is judged late against: {@code committed}, raised to the lowest watermark the upstream
   * shards announced up to the record ({@code heard}, by {@code stage|shardId}) once this shard has heard from as many
   * shards of each upstream stage as its input stream was planned with. Until then a shard not heard yet holds it at
   * {@code committed}: its records, read later, may be earlier than what the others announced, and the windows of a
   * key closed at a raised watermark would leave them out (docs/time.md). It depends only on the committed time and
   * the records read, so every attempt judges a record alike.
   */
  public long judging(long committed, Map<String, Long> heard) {
    if (heard.isEmpty()) {
      return committed;
    }
    if (!plannedShardsByUpstream.isEmpty()) {
      Map<String, Integer> heardByUpstream = new java.util.HashMap<>();
      for (String producer : heard.keySet()) {
        heardByUpstream.merge(producer.substring(0, Math.max(0, producer.indexOf('|'))), 1, Integer::sum);
      }
      for (Map.Entry<String, Integer> planned : plannedShardsByUpstream.entrySet()) {
        if (heardByUpstream.getOrDefault(planned.getKey(), 0) < planned.getValue()) {
          return committed;
        }
      }
    }
    return Math.max(committed, heardMinimum(heard));
  }

  /** The shards among {@code rows} with a child that has published: they are drained and closed. */
  private Set<String> drainedParents(String upstream, List<ShardProgress> rows) {
    String stream = streamByUpstream.get(upstream);
    if (stream == null || rows.size() < 2) {
      return Set.of();
    }
    Map<String, Set<String>> parents = shards.parents(stream, rows.stream().map(ShardProgress::shardId).toList());
    Set<String> drained = new HashSet<>();
    for (ShardProgress row : rows) {
      drained.addAll(parents.getOrDefault(row.shardId(), Set.of()));
    }
    return drained;
  }
}
