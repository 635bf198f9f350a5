package dev.runnel.functions.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DeadLetters line is valid CloudWatch Embedded Metric Format, checked field by field against the specification. */
class DeadLetterMetricTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123Z");

  private final List<String> lines = new ArrayList<>();
  private final DeadLetterMetric metric = new DeadLetterMetric("orders", "orders-2", lines::add,
      Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aWriteWithDeadLettersEmitsOneEmbeddedMetricFormatLine() throws Exception {
    metric.written(3);

    assertThat(lines).hasSize(1);
    String line = lines.get(0);
    assertThat(line).as("one log line, one JSON object").doesNotContain("\n").startsWith("{").endsWith("}");
    JsonNode root = JSON.readTree(line);
    JsonNode aws = root.get("_aws");
    assertThat(aws.get("Timestamp").isIntegralNumber()).as("epoch milliseconds, a number").isTrue();
    assertThat(aws.get("Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
    JsonNode directives = aws.get("CloudWatchMetrics");
    assertThat(directives.isArray()).isTrue();
    assertThat(directives).hasSize(1);
    JsonNode directive = directives.get(0);
    assertThat(directive.get("Namespace").asText()).isEqualTo("Runnel");
    assertThat(directive.get("Dimensions").isArray()).isTrue();
    assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"Job\"],[\"Job\",\"Stage\"]]");
    assertThat(directive.get("Metrics")).hasSize(1);
    assertThat(directive.get("Metrics").get(0).get("Name").asText()).isEqualTo("DeadLetters");
    assertThat(directive.get("Metrics").get(0).get("Unit").asText()).isEqualTo("Count");
    for (JsonNode set : directive.get("Dimensions")) {
      for (JsonNode dimension : set) {
        assertThat(root.get(dimension.asText()).isTextual())
            .as("every dimension is a top-level string member: %s", dimension).isTrue();
      }
    }
    assertThat(root.get("Job").asText()).isEqualTo("orders");
    assertThat(root.get("Stage").asText()).isEqualTo("orders-2");
    assertThat(root.get("DeadLetters").isNumber()).as("the metric value is a top-level number").isTrue();
    assertThat(root.get("DeadLetters").asLong()).isEqualTo(3);
  }

  @Test
  void aWriteWithoutDeadLettersEmitsNothing() {
    metric.written(0);
    assertThat(lines).isEmpty();
  }

  @Test
  void aDimensionSetMayNameOnlyTheMetricsDimensions() {
    assertThatThrownBy(() -> new EmbeddedMetric("Runnel", Map.of("Job", "orders"), List.of(List.of("Stage")),
        "DeadLetters", "Count", 1, NOW)).hasMessageContaining("dimension set [Stage]");
  }

  @Test
  void aFractionalValueIsWrittenAsIs() throws Exception {
    String line = new EmbeddedMetric("Runnel", Map.of("Job", "orders"), List.of(List.of("Job")), "Lag", "Seconds",
        1.5, NOW).json();
    assertThat(JSON.readTree(line).get("Lag").asDouble()).isEqualTo(1.5);
  }
}
