package dev.runnel.nexmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.functions.batch.InputRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parsing bench compares like with like: both parsers make the same records of its events. No timing asserted. */
class EventParsingBenchTest {
  /** A record as a comparable list. */
  private static List<Object> fields(InputRecord r) {
    return List.of(r.shardId(), r.sequenceNumber(), String.valueOf(r.partitionKey()),
        new String(r.data(), StandardCharsets.UTF_8), r.arrivalMillis());
  }

  @Test
  void bothParsersMakeTheSameRecordsOfTheBenchsEvents() throws Exception {
    List<byte[]> events = EventParsingBench.events(100);
    assertThat(events).hasSize(200);
    for (byte[] event : events.subList(0, 5)) {
      List<InputRecord> runtime = EventParser.RUNTIME.records(event);
      assertThat(runtime).hasSize(100);
      assertThat(EventParser.RUNNEL.records(event)).extracting(EventParsingBenchTest::fields)
          .containsExactlyElementsOf(runtime.stream().map(EventParsingBenchTest::fields).toList());
    }
  }

  @Test
  void printsRecordsPerCpuSecondOfEachParserAndTheirRatio() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Map<Integer, Map<EventParser, Double>> medians = EventParsingBench.run(new String[] {"50", "0.02", "1"},
        new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertThat(medians.get(50)).containsOnlyKeys(EventParser.RUNTIME, EventParser.RUNNEL);
    assertThat(medians.get(50).values()).allSatisfy(rate -> assertThat(rate).isPositive());
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("runtime KinesisEvent", "runnel KinesisEventJson",
        "ratio runnel / runtime");
  }
}
