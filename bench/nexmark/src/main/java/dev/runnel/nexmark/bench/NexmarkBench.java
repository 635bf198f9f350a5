package dev.runnel.nexmark.bench;

import dev.runnel.plan.StateLayout;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Nexmark bench: {@code NexmarkBench [queries] [events] [batches] [rate] [csv]}, by default
 * {@code q0,q1,q2,q3,q5,q7,q8,q11 1000000 1000,100 10000 bench/nexmark/results.csv}. It first warms the JVM up with every
 * query on a fifth of the events (at the first batch size, not recorded), then measures each query at each batch
 * size; prints the table, appends each measured run to the CSV, and exits with 1 if any run's output rows differ
 * from the reference (warm-up runs included).
 */
public final class NexmarkBench {
  private NexmarkBench() {}

  /** Entry point of {@code bench/nexmark/run}. */
  public static void main(String[] args) throws IOException {
    if (run(args, System.out) != 0) {
      System.exit(1);
    }
  }

  /** Runs the bench as {@link #main} does, printing to {@code out}; 1 when some output differs, else 0. */
  static int run(String[] args, PrintStream out) throws IOException {
    List<NexmarkQuery> queries = new ArrayList<>();
    String names = args.length > 0 && !args[0].equals("all") ? args[0] : "q0,q1,q2,q3,q5,q7,q8,q11";
    Arrays.stream(names.split(",")).forEach(name -> queries.add(NexmarkQuery.of(name)));
    long events = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : 1_000_000;
    int[] batches = Arrays.stream((args.length > 2 ? args[2] : "1000,100").split(",")).mapToInt(Integer::parseInt)
        .toArray();
    double rate = args.length > 3 ? Double.parseDouble(args[3]) : 10_000;
    Path csv = Path.of(args.length > 4 ? args[4] : "bench/nexmark/results.csv");
    StateLayout layout = layout(System.getenv(STATE_LAYOUT));
    List<Boolean> aggregation = aggregation(System.getenv(AGGREGATE));
    String commit = commit();
    List<RunFigures> runs = new ArrayList<>();
    boolean differ = false;
    for (NexmarkQuery query : queries) {
      RunFigures warmUp = NexmarkRun.run(new RunSettings(query, Math.max(batches[0] * 10L, events / 5), batches[0],
          rate, layout, aggregation.get(0)));
      if (!warmUp.differences().isEmpty()) {
        differ = true;
        out.println("WARM-UP OUTPUT DIFFERS FROM THE REFERENCE: " + warmUp.differences());
      }
    }
    out.println(ResultsTable.HEADER);
    for (NexmarkQuery query : queries) {
      for (int batch : batches) {
        for (boolean aggregated : aggregation) {
          RunFigures run = NexmarkRun.run(new RunSettings(query, events, batch, rate, layout, aggregated));
          double load =
              ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getSystemLoadAverage();
          runs.add(run);
          out.println(ResultsTable.line(run) + String.format("   (load %.2f)", load));
          ResultsCsv.append(csv, ResultsCsv.line(run, Instant.now(), commit, load));
          if (!run.differences().isEmpty()) {
            differ = true;
            out.println("OUTPUT DIFFERS FROM THE REFERENCE: " + run.differences());
          }
        }
      }
    }
    out.println();
    out.print(ResultsTable.of(runs));
    out.println("commit " + commit + ", rate " + rate + " events/s of event time, appended to " + csv);
    return differ ? 1 : 0;
  }

  /** The environment variable that chooses where keyed stages keep their state: {@code log} (default) or {@code keys}. */
  static final String STATE_LAYOUT = "RUNNEL_BENCH_STATE_LAYOUT";

  /**
   * The environment variable that chooses whether repartition streams carry aggregates (docs/aggregation.md):
   * {@code off} (default), {@code on}, or {@code both} (each query and batch size run plain, then aggregated).
   */
  static final String AGGREGATE = "RUNNEL_BENCH_AGGREGATE";

  /** The aggregation settings {@code value} names, in run order. */
  static List<Boolean> aggregation(String value) {
    if (value == null || value.isBlank() || value.equals("off")) {
      return List.of(false);
    }
    return switch (value) {
      case "on" -> List.of(true);
      case "both" -> List.of(false, true);
      default -> throw new IllegalArgumentException(AGGREGATE + " is 'off', 'on' or 'both', not '" + value + "'");
    };
  }

  /** The layout {@code value} names (null or empty: log, the planner's default). */
  static StateLayout layout(String value) {
    if (value == null || value.isBlank() || value.equals("log")) {
      return StateLayout.LOG;
    }
    if (value.equals("keys")) {
      return StateLayout.KEYS;
    }
    throw new IllegalArgumentException(STATE_LAYOUT + " is 'keys' or 'log', not '" + value + "'");
  }

  /** The git commit of the working directory, or "unknown". */
  private static String commit() {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return git.waitFor() == 0 && !out.isEmpty() ? out : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
