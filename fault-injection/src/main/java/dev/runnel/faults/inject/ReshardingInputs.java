package dev.runnel.faults.inject;

import dev.runnel.localrunner.input.InputSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the inputs of one stream in two halves fed one after the other, with an action (a reshard) run between them:
 * the first half lands on the old shards, the second on the new ones, while the job is still reading the first.
 */
public final class ReshardingInputs {
  private ReshardingInputs() {}

  /** {@code inputs} with those of {@code stream} cut in halves, {@code between} run before the second is fed. */
  public static List<InputSource> halves(List<InputSource> inputs, String stream, Runnable between) {
    List<InputSource> result = new ArrayList<>();
    for (InputSource input : inputs) {
      if (!input.stream().equals(stream)) {
        result.add(input);
        continue;
      }
      List<String> lines = lines(input);
      int half = lines.size() / 2;
      byte[] first = join(lines.subList(0, half));
      byte[] second = join(lines.subList(half, lines.size()));
      result.add(new InputSource(stream, input.label() + " (first half)", () -> new ByteArrayInputStream(first)));
      result.add(new InputSource(stream, input.label() + " (second half)", () -> {
        between.run();
        return new ByteArrayInputStream(second);
      }));
    }
    return result;
  }

  private static List<String> lines(InputSource input) {
    try (InputStream in = input.opener().open()) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.lines().filter(line -> !line.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read input " + input.label(), e);
    }
  }

  private static byte[] join(List<String> lines) {
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }
}
