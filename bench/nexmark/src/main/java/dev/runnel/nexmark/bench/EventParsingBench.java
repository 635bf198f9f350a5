package dev.runnel.nexmark.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import dev.runnel.functions.batch.InputRecord;
import dev.runnel.nexmark.generator.GeneratorConfig;
import dev.runnel.nexmark.generator.NexmarkGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Lambda event parsers side by side in one JVM: {@code EventParsingBench [batches] [seconds] [rounds]}, by default
 * {@code 100,1000 2 5}. For each batch size it builds the event JSON Lambda's Kinesis event source mapping sends for
 * batches of Nexmark events (q0's input: every event type, as the generator makes them), then alternates the parsers
 * ({@link EventParser}) for {@code rounds} rounds of about {@code seconds} of CPU each, after one uncounted warm-up
 * round. Prints records per process-CPU-second per parser and batch size (median of the rounds; GC and JIT threads
 * count), and the ratio Runnel / runtime.
 */
public final class EventParsingBench {
  private static final int EVENTS_PER_BATCH_SIZE = 20_000;

  private EventParsingBench() {}

  /** Entry point of {@code bench/nexmark/parse-events}. */
  public static void main(String[] args) throws IOException {
    run(args, System.out);
  }

  /** Runs the bench as {@link #main} does, printing to {@code out}; the medians, by batch size and parser. */
  static Map<Integer, Map<EventParser, Double>> run(String[] args, PrintStream out) throws IOException {
    int[] batches = Arrays.stream((args.length > 0 ? args[0] : "100,1000").split(",")).mapToInt(Integer::parseInt)
        .toArray();
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    out.printf(Locale.ROOT, "Lambda Kinesis event parsing, records per process-CPU-second (median of %d rounds of"
        + " %.1f s), Java %s, load average %.2f%n", rounds, seconds, System.getProperty("java.version"),
        os.getSystemLoadAverage());
    out.printf(Locale.ROOT, "%6s %10s %-26s %14s%n", "batch", "bytes/rec", "parser", "records/CPU-s");
    Map<Integer, Map<EventParser, Double>> medians = new LinkedHashMap<>();
    for (int batch : batches) {
      List<byte[]> events = events(batch);
      double bytesPerRecord = events.stream().mapToInt(e -> e.length).sum() / (double) (events.size() * batch);
      Map<EventParser, List<Double>> rates = new EnumMap<>(EventParser.class);
      for (int round = 0; round <= rounds; round++) {
        for (EventParser parser : EventParser.values()) {
          double rate = recordsPerCpuSecond(parser, events, seconds, os);
          if (round > 0) {
            rates.computeIfAbsent(parser, p -> new ArrayList<>()).add(rate);
          }
        }
      }
      Map<EventParser, Double> byParser = new EnumMap<>(EventParser.class);
      rates.forEach((parser, list) -> {
        byParser.put(parser, median(list));
        out.printf(Locale.ROOT, "%6d %10.0f %-26s %14.0f%n", batch, bytesPerRecord, parser.label(), median(list));
      });
      out.printf(Locale.ROOT, "%6d %10s %-26s %14.2f%n", batch, "", "ratio runnel / runtime",
          byParser.get(EventParser.RUNNEL) / byParser.get(EventParser.RUNTIME));
      medians.put(batch, byParser);
    }
    return medians;
  }

  /** Parses the events over and over for about {@code seconds} of process CPU; records per CPU-second. */
  private static double recordsPerCpuSecond(EventParser parser, List<byte[]> events, double seconds,
      OperatingSystemMXBean os) {
    long budget = (long) (seconds * 1e9);
    long records = 0;
    long payloadBytes = 0;
    long start = os.getProcessCpuTime();
    long spent = 0;
    while (spent < budget) {
      for (byte[] event : events) {
        for (InputRecord record : parser.records(event)) {
          payloadBytes += record.data().length;
          records++;
        }
      }
      spent = os.getProcessCpuTime() - start;
    }
    if (payloadBytes == 0) {
      throw new IllegalStateException(parser.label() + " parsed no payload bytes");
    }
    return records / (spent / 1e9);
  }

  /** {@link #EVENTS_PER_BATCH_SIZE} Nexmark events as Lambda events of {@code batch} records each, on one shard. */
  static List<byte[]> events(int batch) throws IOException {
    ObjectMapper json = new ObjectMapper();
    NexmarkGenerator generator = new NexmarkGenerator(GeneratorConfig.of(EVENTS_PER_BATCH_SIZE, 10_000, 1), 0);
    LambdaEventJson lambda = new LambdaEventJson();
    List<byte[]> events = new ArrayList<>();
    List<InMemoryKinesis.StoredRecord> records = new ArrayList<>(batch);
    long sequence = 0;
    Instant arrival = Instant.parse("2026-01-01T00:00:00.250Z");
    while (generator.hasNext()) {
      String key = Long.toString(generator.nextEventId());
      records.add(new InMemoryKinesis.StoredRecord(key, json.writeValueAsBytes(generator.next()),
          String.format("4960%052d", ++sequence), arrival.plusMillis(sequence)));
      if (records.size() == batch) {
        events.add(lambda.of(records, "nexmark-events", 0));
        records.clear();
      }
    }
    return events;
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
