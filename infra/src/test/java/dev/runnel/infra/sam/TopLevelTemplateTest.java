package dev.runnel.infra.sam;

import static org.assertj.core.api.Assertions.fail;

import dev.runnel.infra.stack.DeploymentSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code template.yaml} is the generated template of every bundled example. Run with
 * {@code -Drunnel.template.update=true} (or the command the failure prints) to refresh it.
 */
class TopLevelTemplateTest {
  @Test
  void committedTemplateIsUpToDate() throws IOException {
    SamTemplate template = SamTemplate.of(ExampleJobs.plans(), DeploymentSettings.DEFAULT);
    Path file = RepositoryFiles.root().resolve("template.yaml");
    String expected = template.yaml();
    if (Boolean.getBoolean("runnel.template.update")) {
      Files.writeString(file, expected);
      return;
    }
    String actual = Files.readString(file);
    if (!actual.equals(expected)) {
      fail("template.yaml is out of date with the examples' plans (" + firstDifference(actual, expected)
          + "). Refresh it with\n  " + template.command() + " --output template.yaml\nor\n  "
          + "mvn -pl infra test -Dtest=TopLevelTemplateTest -Drunnel.template.update=true");
    }
  }

  private static String firstDifference(String actual, String expected) {
    List<String> a = actual.lines().toList();
    List<String> e = expected.lines().toList();
    for (int i = 0; i < Math.max(a.size(), e.size()); i++) {
      String left = i < a.size() ? a.get(i) : "<end of file>";
      String right = i < e.size() ? e.get(i) : "<end of file>";
      if (!left.equals(right)) {
        return "line " + (i + 1) + ": committed '" + left.strip() + "', generated '" + right.strip() + "'";
      }
    }
    return "line endings differ";
  }
}
