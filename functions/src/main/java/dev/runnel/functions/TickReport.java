package dev.runnel.functions;

/**
 * What a tick of a stage's shards left to later ticks or batches.
 *
 * @param conflicts shards where another invocation committed first
 * @param deferred  shards left alone because a batch with records committed there in the last two seconds: nothing
 *                  was checked there, so such a tick says nothing about whether the shard has work left
 */
public record TickReport(int conflicts, int deferred) {
  /** A tick that ticked every shard. */
  public static final TickReport CLEAN = new TickReport(0, 0);

  /** The text a tick function answers: "ticked", then what it left, if anything. */
  public String describe() {
    StringBuilder text = new StringBuilder("ticked");
    if (conflicts > 0) {
      text.append("; ").append(conflicts).append(" shard(s) were committed by another invocation first");
    }
    if (deferred > 0) {
      text.append("; ").append(deferred).append(" shard(s) deferred after a recent batch");
    }
    return text.toString();
  }
}
