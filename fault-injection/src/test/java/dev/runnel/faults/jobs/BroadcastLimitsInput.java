package dev.runnel.faults.jobs;

import dev.runnel.localrunner.input.InputSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The input of {@link BroadcastLimits}: {@link #EVENTS} events, every 20th a limit change of one of three tiers, the
 * rest orders of 25 customers, in a fixed pseudo-random sequence.
 */
public final class BroadcastLimitsInput {
  /** Events fed. */
  public static final int EVENTS = 400;
  private static final List<String> TIERS = List.of("gold", "silver", "basic");

  private BroadcastLimitsInput() {}

  /** The event lines, as JSON. */
  public static List<String> lines() {
    Random random = new Random(1604);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      if (i % 20 == 0) {
        long max = random.nextInt(8) == 0 ? -1 : 20 + random.nextInt(200);
        lines.add("{\"type\":\"limit\",\"id\":" + i + ",\"customer\":\"-\",\"tier\":\"" + TIERS.get(random.nextInt(3))
            + "\",\"value\":" + max + "}");
      } else {
        lines.add("{\"type\":\"order\",\"id\":" + i + ",\"customer\":\"c" + random.nextInt(25) + "\",\"tier\":\""
            + TIERS.get(random.nextInt(3)) + "\",\"value\":" + (1 + random.nextInt(30)) + "}");
      }
    }
    return lines;
  }

  /** The input source feeding {@link #lines()} to {@code bl-events}. */
  public static InputSource source() {
    byte[] bytes = String.join("\n", lines()).getBytes(StandardCharsets.UTF_8);
    return new InputSource("bl-events", "generated orders and limits", () -> new ByteArrayInputStream(bytes));
  }
}
