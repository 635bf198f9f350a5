package dev.runnel.nexmark.queries;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.Planner;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The queries are jobs as a user writes them: their compiled classes refer to nothing but {@code dev.runnel.api},
 * {@code java.*} and their own package, and each plans.
 */
class QueriesUseTheApiOnlyTest {
  private static final List<String> ALLOWED = List.of("dev/runnel/api/", "java/", "dev/runnel/nexmark/queries/");

  @Test
  void compiledQueriesReferToTheApiJavaAndTheirPackageOnly() throws IOException, URISyntaxException {
    Path directory = Path.of(Q0.class.getResource("Q0.class").toURI()).getParent();
    List<String> outside = new ArrayList<>();
    int classes = 0;
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        classes++;
        Set<String> references;
        try (InputStream in = Files.newInputStream(file)) {
          references = ClassReferences.of(in);
        }
        for (String reference : references) {
          if (ALLOWED.stream().noneMatch(reference::startsWith)) {
            outside.add(file.getFileName() + " -> " + reference.replace('/', '.'));
          }
        }
      }
    }
    assertThat(classes).as("compiled query classes").isGreaterThanOrEqualTo(12);
    assertThat(outside).as("references outside dev.runnel.api, java.* and the queries' package").isEmpty();
  }

  @Test
  void everyQueryPlans() {
    for (Class<?> job : List.of(Q0.class, Q1.class, Q2.class, Q5.class, Q7.class, Q11.class)) {
      assertThat(Planner.plan(job).stages()).as(job.getSimpleName()).isNotEmpty();
    }
    assertThat(Planner.plan(Q5.class).stages()).hasSize(3);
    assertThat(Planner.plan(Q7.class).stages()).hasSize(3);
    assertThat(Planner.plan(Q11.class).stages()).hasSize(2);
  }
}
