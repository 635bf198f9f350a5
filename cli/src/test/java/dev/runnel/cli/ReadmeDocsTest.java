package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.orders.OrderRouting;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.planner.Explainer;
import dev.runnel.planner.Planner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's parts that would go stale as the code moves: the demo's {@code explain} and Mermaid samples are the
 * planner's real output, the demo's run output shows its real stages, and the layout table names every top-level
 * folder of the build.
 */
class ReadmeDocsTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern FOLDER = Pattern.compile("`([a-z-]+)/`");

  @Test
  void theExplainSamplesAreTheDemosRealPlan() throws IOException {
    ReadmeSample.checkExact("explain-orders", Explainer.text(Planner.plan(OrderRouting.class)));
    ReadmeSample.checkExact("mermaid-orders", Explainer.mermaid(Planner.plan(OrderRouting.class)));
  }

  @Test
  void theDemoOutputShowsTheDemosStages() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    Plan plan = Planner.plan(OrderRouting.class);
    int header = readme.indexOf("Runnel local run · job orders (" + OrderRouting.class.getName() + ")");
    assertThat(header).as("the README shows the demo's output").isNotNegative();
    List<String> lines = readme.substring(header).lines().limit(2).toList();
    assertThat(lines.get(0)).contains(" · " + plan.stages().size() + " stages · ");
    for (StageSpec stage : plan.stages()) {
      assertThat(lines.get(1)).as("the demo's stage graph line").contains("[" + stage.id() + ": "
          + stage.operators().stream().map(OperatorSpec::name).collect(Collectors.joining(" → ")) + "]");
    }
  }

  @Test
  void theLayoutTableNamesEveryTopLevelModuleAndFolder() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("## The layout follows the data");
    String table = readme.substring(start, readme.indexOf("\n## ", start + 1));
    String rootPom = Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8);
    MODULE.matcher(rootPom).results().map(m -> m.group(1).split("/")[0]).distinct().forEach(folder ->
        assertThat(table).as("the README's layout table names module folder " + folder).contains("`" + folder + "/`"));
    for (String folder : new String[] {"templates", "docs"}) {
      assertThat(table).contains("`" + folder + "/`");
    }
    table.lines().filter(line -> line.startsWith("| `")).map(line -> line.substring(2, line.indexOf(" |", 2)))
        .flatMap(cell -> FOLDER.matcher(cell).results().map(m -> m.group(1))).forEach(folder ->
            assertThat(ROOT.resolve(folder)).as("the layout table's " + folder + "/ exists").isDirectory());
  }
}
