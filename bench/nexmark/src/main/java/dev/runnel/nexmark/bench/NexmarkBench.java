package dev.runnel.nexmark.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Nexmark bench: {@code NexmarkBench [queries] [events] [batches] [rate] [csv]}, by default
 * {@code q0,q1,q2,q5,q7,q11 1000000 1000,100 10000 bench/nexmark/results.csv}. For each query and batch size it runs
 * a warm-up of a fifth of the events, then the measured run; prints the table, appends each measured run to the CSV,
 * and exits with 1 if any run's output rows differ from the reference.
 */
public final class NexmarkBench {
  private NexmarkBench() {}

  /** Entry point of {@code bench/nexmark/run}. */
  public static void main(String[] args) throws IOException {
    List<NexmarkQuery> queries = new ArrayList<>();
    String names = args.length > 0 && !args[0].equals("all") ? args[0] : "q0,q1,q2,q5,q7,q11";
    Arrays.stream(names.split(",")).forEach(name -> queries.add(NexmarkQuery.of(name)));
    long events = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : 1_000_000;
    int[] batches = Arrays.stream((args.length > 2 ? args[2] : "1000,100").split(",")).mapToInt(Integer::parseInt)
        .toArray();
    double rate = args.length > 3 ? Double.parseDouble(args[3]) : 10_000;
    Path csv = Path.of(args.length > 4 ? args[4] : "bench/nexmark/results.csv");
    String commit = commit();
    List<RunFigures> runs = new ArrayList<>();
    boolean differ = false;
    System.out.println(ResultsTable.HEADER);
    for (NexmarkQuery query : queries) {
      for (int batch : batches) {
        NexmarkRun.run(new RunSettings(query, Math.max(batch * 10L, events / 5), batch, rate));
        RunFigures run = NexmarkRun.run(new RunSettings(query, events, batch, rate));
        double load = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getSystemLoadAverage();
        runs.add(run);
        System.out.println(ResultsTable.line(run) + String.format("   (load %.2f)", load));
        ResultsCsv.append(csv, ResultsCsv.line(run, Instant.now(), commit, load));
        if (!run.differences().isEmpty()) {
          differ = true;
          System.out.println("OUTPUT DIFFERS FROM THE REFERENCE: " + run.differences());
        }
      }
    }
    System.out.println();
    System.out.print(ResultsTable.of(runs));
    System.out.println("commit " + commit + ", rate " + rate + " events/s of event time, appended to " + csv);
    if (differ) {
      System.exit(1);
    }
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
