package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A command's output shown in the README (or a page of docs/), in the fenced block after the line
 * {@code <!-- sample: NAME -->}: a test checks its real output against it, exactly or with what changes from run to
 * run (durations, numbers, times, the state directory) masked. {@code -Drunnel.readme.write=true} writes the real
 * output into the page instead.
 */
final class ReadmeSample {
  private static final Path README = Path.of("..", "README.md");
  private static final String DURATION = "\\b\\d+(?:ms|s|m\\d\\ds|h\\d\\dm|d\\d\\dh)\\b";

  private ReadmeSample() {}

  /** Checks (or writes) the sample {@code name}: {@code output} with {@code stateDir} shown as {@code shownDir}. */
  static void check(String name, String output, Path stateDir, String shownDir) throws IOException {
    check(README, name, output, stateDir, shownDir);
  }

  /** Checks (or writes) the sample {@code name} of the page {@code doc} (a path from the cli module). */
  static void check(Path doc, String name, String output, Path stateDir, String shownDir) throws IOException {
    compare(doc, name, output.replace(stateDir.toAbsolutePath().toString(), shownDir), ReadmeSample::masked);
  }

  /** Checks (or writes) the sample {@code name}, which must be {@code output} exactly (but for trailing blanks). */
  static void checkExact(String name, String output) throws IOException {
    compare(README, name, output,
        text -> text.lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b).orElse(""));
  }

  private static void compare(Path doc, String name, String output, UnaryOperator<String> normalized)
      throws IOException {
    String real = output.stripTrailing();
    String readme = Files.readString(doc, StandardCharsets.UTF_8);
    String marker = "<!-- sample: " + name + " -->";
    int at = readme.indexOf(marker);
    assertThat(at).as(doc + " has no line " + marker).isNotNegative();
    int open = readme.indexOf('\n', readme.indexOf("```", at)) + 1; // after the opening fence, e.g. ```mermaid
    int close = readme.startsWith("```", open) ? open : readme.indexOf("\n```", open) + 1; // the closing fence
    String shown = readme.substring(open, close);
    if (Boolean.getBoolean("runnel.readme.write")) {
      Files.writeString(doc, readme.substring(0, open) + real + "\n" + readme.substring(close),
          StandardCharsets.UTF_8);
      return;
    }
    assertThat(normalized.apply(shown.stripTrailing())).as(doc.getFileName() + " sample '" + name + "' is out of "
        + "date; run this test with -Drunnel.readme.write=true to refresh it. Real output:\n" + real)
        .isEqualTo(normalized.apply(real));
  }

  private static String masked(String text) {
    return text.replaceAll(DURATION, "<duration>").replaceAll("\\d+", "#").replaceAll("[ \\t]+", " ").strip();
  }
}
