package dev.runnel.operations.status;

import java.util.List;

/**
 * Where one stage stands: each shard of its input, its dead letters, its model calls and cost so far.
 *
 * @param stage       the stage id
 * @param input       the physical name of its input stream
 * @param shards      its input's shards, open and closed
 * @param deadLetters its dead letters not yet expired
 * @param modelCalls  the model requests it made, or null when it calls no model
 * @param costUsd     its estimated cost in US dollars
 */
public record StageStatus(String stage, String input, List<ShardStatus> shards, long deadLetters,
    StageFigure modelCalls, StageFigure costUsd) {
  /** Copies the list. */
  public StageStatus {
    shards = List.copyOf(shards);
  }
}
