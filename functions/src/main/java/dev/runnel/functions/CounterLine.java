package dev.runnel.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.Optional;

/**
 * A function instance's cumulative counters after one invocation, as one line of standard output: how a stage running
 * in its own process (the local runner's isolated mode) reports what {@link StageHandler#metrics()} returns in process.
 * A handler prints it only when {@value #ENABLED} is {@code true} in its environment; on AWS nothing sets it.
 *
 * @param requestId the invocation it follows (the Lambda request id)
 * @param metrics   the instance's counters since it was created
 */
public record CounterLine(String requestId, StageMetrics metrics) {
  /** The environment variable that turns the lines on. */
  public static final String ENABLED = "RUNNEL_COUNTER_LINES";
  private static final String PREFIX = "RUNNEL_COUNTERS ";
  private static final ObjectMapper JSON = new ObjectMapper();

  public CounterLine {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(metrics, "metrics");
  }

  /** The line, without a line break: the prefix, the request id, the counters as JSON. */
  public String text() {
    try {
      return PREFIX + requestId + " " + JSON.writeValueAsString(metrics);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the counters of invocation " + requestId, e);
    }
  }

  /** The counter line {@code line} is, or empty for any other output line. */
  public static Optional<CounterLine> parse(String line) {
    if (!line.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int space = line.indexOf(' ', PREFIX.length());
    if (space < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(new CounterLine(line.substring(PREFIX.length(), space),
          JSON.readValue(line.substring(space + 1), StageMetrics.class)));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
