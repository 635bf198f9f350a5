package dev.runnel.examples;

/**
 * Runtime bugs (functions/, checkpointing/) that the end-to-end example tests found and that keep some of them
 * disabled. The examples and their references are right; remove the {@code @Disabled} that names a bug once it is
 * fixed.
 */
public final class KnownRuntimeBugs {
  /**
   * A keyed stage advances its watermark, on a tick or after a batch, to the minimum its upstream stage published in
   * the progress table, although records that upstream shards wrote to the repartition stream before publishing are
   * still unread. Those records then arrive behind the watermark and are late: they go to the late node or the dead
   * letters (LATE), and windows fire without them.
   */
  public static final String WATERMARK_AHEAD_OF_UNREAD_INPUT = "runtime bug: a keyed stage's watermark is taken from"
      + " the upstream progress rows before it has read the records upstream wrote before publishing them, so"
      + " on-time records still in the repartition stream become late (KnownRuntimeBugs)";

  /**
   * What a firing round emits carries the producer shard {@code <shardId>~t} (FiringIdentity), but '~' separates the
   * fields of the dedup memory (AppliedIdentities.encode), so a keyed stage that reads fired window results fails
   * every batch with "producer name ...~t contains '!' or '~'" and never goes quiet.
   */
  public static final String FIRING_PRODUCER_NAME = "runtime bug: firing rounds emit as producer '<shardId>~t', which"
      + " the downstream dedup memory cannot encode ('~' is its separator), so the keyed stage after a window retries"
      + " forever (KnownRuntimeBugs)";

  /**
   * A batch whose checkpoint commit loses to a concurrent tick, after its outputs and state were written, fails and is
   * bisected; the re-runs find every record applied and skip it. The outputs did reach their sinks once, but the
   * stage's counts miss them (recordsOut), and console sinks print them a second time.
   */
  public static final String BATCH_LOST_TO_TICK = "runtime bug: a batch that loses its checkpoint commit to a tick"
      + " is re-run with every record skipped, so the stage's counts miss the outputs it wrote and console sinks print"
      + " them twice (KnownRuntimeBugs)";

  private KnownRuntimeBugs() {}
}
