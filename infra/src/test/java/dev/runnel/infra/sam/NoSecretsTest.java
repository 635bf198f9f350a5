package dev.runnel.infra.sam;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret value reaches a deployment artifact: with a recognisable key in the environment (as a developer's shell
 * would have it), the plans and the SAM template written in that environment hold neither it nor any {@code sk-}
 * string; a model key appears only as a reference ({@code env:OPENAI_API_KEY}) or a NoEcho parameter's name.
 */
class NoSecretsTest {
  static final String SECRET = "sk-test-NEVER-IN-ARTIFACTS";

  @Test
  void plansAndTemplateHoldNoSecretValue(@TempDir Path dir) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SecretProbe.class.getName(), dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("probe.log").toFile());
    builder.environment().put("OPENAI_API_KEY", SECRET);
    builder.environment().put("RUNNEL_MODEL_KEY", SECRET);
    Process probe = builder.start();
    assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(probe.exitValue()).as(Files.readString(dir.resolve("probe.log"))).isZero();
    List<Path> artifacts;
    try (Stream<Path> files = Files.list(dir)) {
      artifacts = files.filter(f -> !f.getFileName().toString().equals("probe.log")).sorted().toList();
    }
    assertThat(artifacts).hasSizeGreaterThan(8);
    for (Path artifact : artifacts) {
      String text = Files.readString(artifact, StandardCharsets.UTF_8);
      assertThat(text).as(artifact.getFileName().toString()).doesNotContain(SECRET).doesNotContain("sk-");
    }
    String template = Files.readString(dir.resolve("template.yaml"));
    assertThat(template).contains("OPENAI_API_KEY:\n").contains("NoEcho: true");
  }
}
