package dev.runnel.infra.sam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.infra.stack.DeploymentSettings;
import dev.runnel.plan.Plan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example's template, and the top-level one, passes {@code cfn-lint} (which also runs the SAM transform) with
 * no error and no warning. Informational findings (exit code 8) are tolerated; the repository's {@code .cfnlintrc},
 * if any, says which checks are ignored and why.
 */
class CfnLintTest {
  @Test
  void examplesAndTopLevelTemplatePassCfnLint(@TempDir Path dir) throws IOException, InterruptedException {
    assertThat(onPath("cfn-lint")).as("cfn-lint is on the PATH (preinstalled on Runnel's build machines; elsewhere"
        + " pip install cfn-lint): the template check must run, not be skipped").isTrue();
    List<String> command = new ArrayList<>(List.of("cfn-lint", "--format", "parseable"));
    for (Plan plan : ExampleJobs.plans()) {
      Path file = dir.resolve(plan.job() + ".yaml");
      Files.writeString(file, SamTemplate.of(List.of(plan), DeploymentSettings.DEFAULT).yaml());
      command.add(file.toString());
    }
    command.add(RepositoryFiles.root().resolve("template.yaml").toString());
    Process process = new ProcessBuilder(command).directory(RepositoryFiles.root().toFile())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();
    // cfn-lint's exit code is a bit mask: 2 errors, 4 warnings, 8 informational.
    assertThat(process.exitValue() & (2 | 4)).as("cfn-lint errors or warnings:\n" + output).isZero();
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }
}
