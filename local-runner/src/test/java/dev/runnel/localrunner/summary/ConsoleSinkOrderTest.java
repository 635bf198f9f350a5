package dev.runnel.localrunner.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A console sink's lines reach the summary in the order they were printed, not sorted. */
class ConsoleSinkOrderTest {

  @StreamingJob("echo")
  public static class Echo {
    @Source(stream = "echo-in") @Sink(name = "echo-console", console = true)
    public record Line(String text) {}
  }

  @Test
  void consoleLinesKeepTheirPrintedOrder() {
    Plan plan = Planner.plan(Echo.class);
    List<String> printed = List.of("{\"text\":\"c\"}", "{\"text\":\"a\"}", "{\"text\":\"b\"}");

    // a console-only plan reads neither Kinesis nor DynamoDB
    List<SinkContents> sinks = new SinkCollector(plan, null, null, getClass().getClassLoader())
        .sinks(Map.of("echo-console", printed));

    assertThat(sinks).singleElement().satisfies(sink -> assertThat(sink.records()).containsExactlyElementsOf(printed));
  }
}
