package dev.runnel.nexmark.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;

/** Appends runs to {@code bench/nexmark/results.csv}, writing the header when the file is new. */
final class ResultsCsv {
  static final String HEADER = "date,commit,load_average,query,batch,events,rate,events_per_cpu_s,"
      + "events_per_cpu_s_with_parsing,output_rows,lambda_requests_per_1k,dynamodb_requests_per_1k,"
      + "write_units_per_1k,read_units_per_1k,state_write_units_per_1k,checkpoint_write_units_per_1k,"
      + "progress_write_units_per_1k,timer_write_units_per_1k,put_records_calls_per_1k,records_put_per_1k,"
      + "usd_per_million_lambda,usd_per_million_dynamodb,usd_per_million_kinesis,usd_per_million,"
      + "usd_per_million_processing,jit_cpu_s,gc_cpu_s";

  private ResultsCsv() {}

  /** The CSV line of one run. */
  static String line(RunFigures run, Instant date, String commit, double loadAverage) {
    return String.format(Locale.ROOT, "%s,%s,%.2f,%s,%d,%d,%.0f,%.0f,%.0f,%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,"
            + "%.5f,%.5f,%.5f,%.5f,%.5f,%.2f,%.2f",
        date, commit, loadAverage, run.settings().label(), run.settings().batch(), run.settings().events(),
        run.settings().rate(), run.eventsPerCpuSecond(), run.eventsPerCpuSecondWithParsing(), run.outputRows(),
        run.perThousandEvents(run.invocations()), run.perThousandEvents(run.dynamoDb().requests()),
        run.perThousandEvents(run.dynamoDb().writeUnits()), run.perThousandEvents(run.dynamoDb().readUnits()),
        run.perThousandEvents(run.state().writeUnits()), run.perThousandEvents(run.checkpoints().writeUnits()),
        run.perThousandEvents(run.progress().writeUnits()), run.perThousandEvents(run.timers().writeUnits()),
        run.perThousandEvents(run.putRecordsCalls()),
        run.perThousandEvents(run.putRecords()), ListPrices.lambda(run), ListPrices.dynamoDb(run),
        ListPrices.kinesis(run), ListPrices.total(run), ListPrices.processing(run), run.jvm().compilerNanos() / 1e9,
        run.jvm().collectorNanos() / 1e9);
  }

  /**
   * Appends {@code line} to {@code file}; a file written under an older header with fewer columns gets the new
   * header, its rows leaving the added columns empty.
   */
  static void append(Path file, String line) throws IOException {
    if (!Files.exists(file)) {
      Files.writeString(file, HEADER + "\n", StandardCharsets.UTF_8);
    }
    java.util.List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (!lines.isEmpty() && !lines.get(0).equals(HEADER) && HEADER.startsWith(lines.get(0) + ",")) {
      String added = ",".repeat(HEADER.split(",", -1).length - lines.get(0).split(",", -1).length);
      java.util.List<String> widened = new java.util.ArrayList<>(lines.size());
      widened.add(HEADER);
      lines.stream().skip(1).map(row -> row + added).forEach(widened::add);
      Files.write(file, widened, StandardCharsets.UTF_8);
    }
    Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }
}
