package dev.runnel.localrunner.summary;

import dev.runnel.functions.requests.OperationRequests;
import dev.runnel.functions.requests.RequestBreakdown;
import dev.runnel.functions.requests.RequestTotals;
import dev.runnel.localrunner.esm.OnFailureEvent;
import dev.runnel.localrunner.input.InputDeadLetters;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.StageSpec;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Prints a run summary for a person: a header, the stage graph, what each sink received, the dead letters with
 * their error, the discarded batches if any, a table of per-stage counts, and for a job with event time a table of
 * each timed stage's ticks and firings.
 */
public final class SummaryPrinter {
  private static final int ERROR_WIDTH = 240;

  private final int recordsPerSink;

  /** A printer showing at most {@code recordsPerSink} records of each sink; 0 or less shows them all. */
  public SummaryPrinter(int recordsPerSink) {
    this.recordsPerSink = recordsPerSink;
  }

  /** Writes the summary to {@code out}. */
  public void print(RunSummary summary, PrintStream out) {
    out.printf(Locale.ROOT, "Runnel local run · job %s (%s) · %d %s · quiet after %.1f s%n", summary.plan().job(),
        summary.plan().jobClass(), summary.plan().stages().size(),
        summary.plan().stages().size() == 1 ? "stage" : "stages", summary.elapsed().toMillis() / 1000.0);
    out.println(StageGraphLine.of(summary.plan()));
    out.println();
    for (FedInput input : summary.inputs()) {
      out.printf("input %s: %s from %s%n", input.stream(), input.describe(), input.label());
    }
    for (SinkContents sink : summary.sinks()) {
      printSink(sink, out);
    }
    printDeadLetters(summary, out);
    printDiscarded(summary.discardedBatches(), out);
    printCounts(summary.stages(), out);
    printRequests(summary, out);
    printModels(summary, out);
    printTime(summary, out);
  }

  /** For a job with inference operators: per stage, its model calls, tokens, stored answers reused and latency. */
  private static void printModels(RunSummary summary, PrintStream out) {
    if (summary.models().isEmpty()) {
      return;
    }
    out.println();
    out.println("model calls (each record's answer is stored and reused on replay; 'reused' counts those):");
    String format = "%-12s %-22s %8s %9s %8s %7s %7s %10s %11s %8s %8s%n";
    out.printf(format, "stage", "models", "prompts", "requests", "retries", "failed", "reused", "tokens in",
        "tokens out", "p50 ms", "p99 ms");
    summary.models().forEach((stageId, metrics) -> {
      String models = summary.plan().stage(stageId).map(stage -> stage.operators().stream()
          .filter(o -> o.inference() != null).map(o -> o.inference().model()).distinct()
          .collect(java.util.stream.Collectors.joining(","))).orElse("");
      out.printf(format, stageId, models, metrics.prompts(), metrics.requests(), metrics.retries(), metrics.failed(),
          metrics.cacheHits(), metrics.inputTokens(), metrics.outputTokens(), metrics.p50Millis(),
          metrics.p99Millis());
    });
  }

  private void printSink(SinkContents sink, PrintStream out) {
    String what = switch (sink.kind()) {
      case CONSOLE -> "console";
      case STREAM -> "stream " + sink.target();
      case TABLE -> "table " + sink.target();
      case REPARTITION -> "repartition " + sink.target();
      case BROADCAST -> "broadcast " + sink.target();
    };
    String unit = sink.kind() == OutputKind.TABLE ? "items" : sink.kind() == OutputKind.CONSOLE ? "lines" : "records";
    out.printf("%nsink %s (%s): %d %s%n", sink.name(), what, sink.records().size(), unit);
    List<String> records = sink.records();
    int shown = recordsPerSink > 0 ? Math.min(recordsPerSink, records.size()) : records.size();
    for (int i = 0; i < shown; i++) {
      out.println("  " + records.get(i));
    }
    if (shown < records.size()) {
      out.printf("  … %d more (--all shows every record)%n", records.size() - shown);
    }
  }

  private static void printDeadLetters(RunSummary summary, PrintStream out) {
    out.printf("%ndead letters (table %s): %d%n", summary.plan().deadLetterTable().name(),
        summary.deadLetters().size());
    for (DeadLetter letter : summary.deadLetters()) {
      out.printf("  %s %s %s %s  [%s%s]%n", letter.stage(), letter.shard(),
          InputDeadLetters.SHARD.equals(letter.shard()) ? "line" : "seq", letter.sequenceNumber(),
          letter.errorType(), letter.operator() == null ? "" : " in " + letter.operator());
      out.println("    error:   " + shorten(withoutPosition(letter.error())));
      out.println("    payload: " + shorten(letter.payload()));
    }
  }

  private static void printDiscarded(List<OnFailureEvent> discarded, PrintStream out) {
    if (discarded.isEmpty()) {
      return;
    }
    out.printf("%ndiscarded batches (retries exhausted, as Lambda's on-failure destination reports them): %d%n",
        discarded.size());
    for (OnFailureEvent event : discarded) {
      out.printf("  %s %s seq %s..%s (%d records, %d invocations)%n", event.functionArn()
          .substring(event.functionArn().lastIndexOf(':') + 1), event.batchInfo().shardId(),
          event.batchInfo().startSequenceNumber(), event.batchInfo().endSequenceNumber(),
          event.batchInfo().batchSize(), event.approximateInvokeCount());
      out.println("    error: " + shorten(event.functionError()));
    }
  }

  private static void printCounts(List<StageCounts> stages, PrintStream out) {
    out.println();
    String format = "%-12s %8s %8s %8s %9s %13s %8s %8s %8s %10s%n";
    out.printf(format, "stage", "batches", "in", "written", "filtered", "dead-letters", "skipped", "retries",
        "bisects", "discarded");
    for (StageCounts stage : stages) {
      out.printf(format, stage.stage(), stage.batches(), stage.recordsIn(), stage.totalOut(), stage.filteredOut(),
          stage.deadLettered(), stage.skipped(), stage.retries(), stage.bisects(), stage.discardedRecords());
    }
  }

  /**
   * What the bill is made of, per stage: the request counts by table role, then every request by service, operation
   * and table or stream with the capacity units DynamoDB reported.
   */
  private static void printRequests(RunSummary summary, PrintStream out) {
    List<StageCounts> stages = summary.stages();
    out.println();
    out.println("requests (what the bill is made of: every request the stage's functions sent, retries included):");
    String cost = "%-12s %11s %15s %13s %10s %20s %18s %15s%n";
    out.printf(cost, "stage", "PutRecords", "state requests", "state writes", "state WCU", "checkpoint requests",
        "progress requests", "timer requests");
    for (StageCounts stage : stages) {
      RequestBreakdown bill = RequestBreakdown.of(summary.plan(), stage.requests());
      boolean counted = !stage.requests().operations().isEmpty();
      out.printf(cost, stage.stage(), stage.putRecordsCalls(), stage.stateRequests(), stage.stateWrites(),
          String.format(Locale.ROOT, "%.0f", stage.stateWriteUnits()), stage.checkpointRequests(),
          counted ? bill.progress().requests() : "-", counted ? bill.timers().requests() : "-");
    }
    if (stages.stream().allMatch(stage -> stage.requests().operations().isEmpty())) {
      out.println("(the functions shared the runner's clients, which count nothing: these are the protocol's own "
          + "counts)");
      return;
    }
    out.println();
    String format = "%-12s %-9s %-19s %-28s %9s %11s %12s";
    out.println(String.format(format, "stage", "service", "operation", "table or stream", "requests", "read units",
        "write units"));
    for (StageCounts stage : stages) {
      for (OperationRequests op : stage.requests().operations()) {
        out.println(String.format(format, stage.stage(), op.service(), op.operation(),
            op.target().isEmpty() ? "-" : op.target(), op.requests(), units(op.readUnits()), units(op.writeUnits()))
            .stripTrailing());
      }
      RequestTotals total = stage.requests().total();
      out.println(String.format(format, stage.stage(), "", "total", "", total.requests(), units(total.readUnits()),
          units(total.writeUnits())).stripTrailing());
    }
  }

  private static String units(double units) {
    return units == 0 ? "" : String.format(Locale.ROOT, "%.1f", units);
  }

  /** For a job with event time: per stage with time, its ticks and what its windows and timers fired. */
  private static void printTime(RunSummary summary, PrintStream out) {
    List<StageSpec> timed = summary.plan().stages().stream().filter(s -> s.time() != null).toList();
    if (timed.isEmpty()) {
      return;
    }
    out.println();
    out.println("event time (ticks advance watermarks and fire windows and timers; AWS ticks every 'tick' seconds,");
    out.println("the local runner more often):");
    String format = "%-12s %-16s %6s %8s %12s %8s %10s %7s%n";
    out.printf(format, "stage", "watermark from", "tick", "ticks", "shard ticks", "fired", "conflicts", "failed");
    for (StageSpec stage : timed) {
      StageCounts counts = summary.stage(stage.id()).orElse(null);
      if (counts == null) {
        continue;
      }
      String from = stage.time().readsSource() ? stage.input().stream()
          : String.join(",", stage.time().upstreamStages());
      boolean ticked = stage.time().tickSeconds() > 0;
      out.printf(format, stage.id(), from, ticked ? stage.time().tickSeconds() + "s" : "-",
          ticked ? counts.ticks() : "-", ticked ? counts.shardTicks() : "-", counts.fired(),
          ticked ? counts.tickConflicts() : "-", ticked ? counts.tickFailures() : "-");
    }
  }

  /**
   * The error without its "job 'x', stage 'y', shard z, sequence number n: " (or "input file line n: ") prefix,
   * already shown above it.
   */
  private static String withoutPosition(String error) {
    return error == null ? null : error.replaceFirst(
        "^job '[^']*', stage '[^']*', (shard \\S+, sequence number \\d+|input .* line \\d+): ", "");
  }

  private static String shorten(String text) {
    if (text == null) {
      return "";
    }
    String oneLine = text.replace('\n', ' ');
    return oneLine.length() <= ERROR_WIDTH ? oneLine : oneLine.substring(0, ERROR_WIDTH - 1) + "…";
  }
}
