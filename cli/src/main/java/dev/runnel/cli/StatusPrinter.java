package dev.runnel.cli;

import dev.runnel.operations.status.JobStatus;
import dev.runnel.operations.status.ShardStatus;
import dev.runnel.operations.status.StageFigure;
import dev.runnel.operations.status.StageStatus;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** Prints a {@link JobStatus} as two tables, shards then stages, and says what is unavailable and why. */
final class StatusPrinter {
  private StatusPrinter() {}

  static void print(JobStatus status, PrintWriter out) {
    out.println("job " + status.job() + " · " + status.target() + " · read at " + status.readAt());
    out.println();
    TextTable shards = new TextTable("STAGE", "SHARD", "COMMITTED", "AGE", "BEHIND TIP", "OLDEST UNREAD",
        "WATERMARK");
    Set<String> notes = new LinkedHashSet<>();
    for (StageStatus stage : status.stages()) {
      for (ShardStatus shard : stage.shards()) {
        shards.row(stage.stage(), shard.shard() + (shard.closed() ? " (closed)" : ""), shard.committed(),
            Durations.of(shard.committedAgeMillis()), shard.caughtUp() ? "caught up"
                : Durations.of(shard.behindTipMillis()), Durations.of(shard.oldestUnreadAgeMillis()),
            shard.watermark() == null ? null : Instant.ofEpochMilli(shard.watermark()).toString());
        if (shard.note() != null) {
          notes.add(stage.stage() + " " + shard.shard() + ": " + shard.note());
        }
      }
    }
    shards.print(out);
    out.println();
    TextTable stages = new TextTable("STAGE", "INPUT", "DEAD LETTERS", "MODEL CALLS", "COST (USD)");
    for (StageStatus stage : status.stages()) {
      stages.row(stage.stage(), stage.input(), Long.toString(stage.deadLetters()),
          stage.modelCalls() == null ? "no model" : figure(stage.modelCalls(), "%.0f", notes, "model calls"),
          figure(stage.costUsd(), "%.6f", notes, "cost"));
    }
    stages.print(out);
    if (status.metricsPeriod() != null) {
      out.println();
      out.println("model calls and cost: " + status.metricsPeriod());
    }
    if (!notes.isEmpty()) {
      out.println();
      notes.forEach(note -> out.println("· " + note));
    }
  }

  private static String figure(StageFigure figure, String format, Set<String> notes, String what) {
    if (figure.value() != null) {
      return String.format(java.util.Locale.ROOT, format, figure.value());
    }
    notes.add(what + " unavailable: " + figure.unavailable());
    return "unavailable";
  }
}
