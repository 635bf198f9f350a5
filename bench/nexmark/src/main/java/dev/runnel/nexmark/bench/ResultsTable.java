package dev.runnel.nexmark.bench;

import java.util.List;
import java.util.Locale;

/** The bench's printed table: one line per run. */
final class ResultsTable {
  private ResultsTable() {}

  static final String HEADER = String.format(Locale.ROOT,
      "%-5s %6s %9s %11s %11s %9s %8s %8s %8s %8s %8s %9s %8s %9s %6s %6s",
      "query", "batch", "events", "ev/CPU-s", "ev/CPU-s+p", "out rows", "req/1k", "ddb/1k", "WU/1k", "RU/1k",
      "put/1k", "recs/1k", "$/M ev", "$/M proc", "JIT s", "GC s");

  /** The table of {@code runs}. */
  static String of(List<RunFigures> runs) {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    for (RunFigures run : runs) {
      out.append(line(run)).append('\n');
    }
    return out.append("ev/CPU-s: events per process-CPU-second without the parsing of Lambda's event JSON;")
        .append(" +p: with it, by the deployed StageStreamHandler's parser (KinesisEventJson). req: Lambda requests; ddb: DynamoDB requests (state, checkpoints, progress, timers);")
        .append(" WU/RU: their capacity units; put: PutRecords calls; recs: records put; $/M ev: list price per")
        .append(" million events at 1,000 events/s (Lambda 1,024 MB x86, DynamoDB on demand, Kinesis provisioned);")
        .append(" $/M proc: the same without the source and sink streams, which a Flink job reading and writing")
        .append(" Kinesis pays too: the figure to set beside Managed Flink ($0.22 an hour, about $0.061 per million).")
        .append(" JIT s: CPU seconds of the JIT compiler's threads during the run, left out of ev/CPU-s; GC s: the")
        .append(" garbage collector's, counted in it.\n")
        .toString();
  }

  static String line(RunFigures run) {
    return String.format(Locale.ROOT,
        "%-5s %6d %9d %11.0f %11.0f %9d %8.2f %8.2f %8.2f %8.2f %8.2f %9.1f %8.4f %9.4f %6.1f %6.1f",
        run.settings().label(), run.settings().batch(), run.settings().events(), run.eventsPerCpuSecond(),
        run.eventsPerCpuSecondWithParsing(), run.outputRows(), run.perThousandEvents(run.invocations()),
        run.perThousandEvents(run.dynamoDb().requests()), run.perThousandEvents(run.dynamoDb().writeUnits()),
        run.perThousandEvents(run.dynamoDb().readUnits()), run.perThousandEvents(run.putRecordsCalls()),
        run.perThousandEvents(run.putRecords()), ListPrices.total(run), ListPrices.processing(run),
        run.jvm().compilerNanos() / 1e9, run.jvm().collectorNanos() / 1e9);
  }
}
