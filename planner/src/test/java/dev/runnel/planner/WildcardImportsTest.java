package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.MapEach;
import dev.runnel.plan.OperatorKind;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.Plan;
import java.io.StringWriter;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job written with {@code import dev.runnel.api.*; import java.util.*;} compiles (javac, here) and plans: its
 * operator annotations, {@code @MapEach} and {@code @KeyedProcess}, clash with nothing in java.lang or java.util.
 */
class WildcardImportsTest {
  private static final String JOB = """
      package acme;

      import dev.runnel.api.*;
      import java.util.*;

      @StreamingJob("wild")
      public class Wild {
        @Source(stream = "wild-in") @KeyBy("user")
        public record Click(String user, String page) {}

        public record Pages(String user, List<String> pages) {}

        public record Summary(String user, int distinct) {}

        @KeyedProcess(from = "wild-in")
        public Optional<Pages> collect(Click click, @State("pages") ListState<String> pages) {
          pages.add(click.page());
          return Optional.of(new Pages(click.user(), pages.get()));
        }

        @MapEach(from = "collect") @Sink(console = true)
        public Summary summarize(Pages pages) {
          Set<String> distinct = new TreeSet<>(pages.pages());
          HashMap<String, Integer> seen = new HashMap<>();
          distinct.forEach(page -> seen.put(page, 1));
          return new Summary(pages.user(), seen.size());
        }
      }
      """;

  @Test
  void aJobImportingTheApiAndJavaUtilByWildcardCompilesAndPlans(@TempDir Path dir) throws Exception {
    compileAndPlan(dir, JOB);
  }

  @Test
  void whileTheDeprecatedMapExistsAJobNamingJavaUtilMapImportsItByName(@TempDir Path dir) throws Exception {
    compileAndPlan(dir, JOB.replace("import java.util.*;", "import java.util.*;\nimport java.util.Map;")
        .replace("HashMap<String, Integer> seen", "Map<String, Integer> seen"));
  }

  private void compileAndPlan(Path dir, String job) throws Exception {
    Path source = dir.resolve("acme/Wild.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, job);
    Path api = Path.of(MapEach.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    boolean compiled = javac.getTask(errors, null, null,
        List.of("-classpath", api.toString(), "-d", dir.toString(), "-proc:none"), null,
        javac.getStandardFileManager(null, null, null).getJavaFileObjects(source)).call();
    assertThat(compiled).as("javac says:%n%s", errors).isTrue();

    try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {dir.toUri().toURL()},
        getClass().getClassLoader())) {
      Plan plan = Planner.plan(loader.loadClass("acme.Wild"));
      assertThat(plan.stages().get(1).operators()).extracting(OperatorSpec::name, OperatorSpec::kind).containsExactly(
          org.assertj.core.groups.Tuple.tuple("collect", OperatorKind.PROCESS),
          org.assertj.core.groups.Tuple.tuple("summarize", OperatorKind.MAP));
    }
  }
}
