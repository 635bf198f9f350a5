package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walk-through, "Your own project", from a scratch folder: {@code runnel new}, {@code mvn package} of the
 * new project (its JobTestDriver test runs, its job is planned, its function package written) against this
 * reactor's artifacts in a scratch local repository, {@code runnel run --project} on the emulators and
 * {@code runnel template --project}. The commands it runs are the README's, with the folder replaced.
 */
@Tag("walkthrough")
class OwnProjectWalkthroughTest {
  private static final Path REACTOR = Path.of("..").toAbsolutePath().normalize();
  private static final String SHOWN_PROJECT = "../fraud-alerts";
  private static final String JOB = "com.acme.fraud.SpendAlerts";

  @TempDir
  Path scratch;

  @Test
  void aNewUsersProjectIsCreatedTestedRunAndTemplated() throws Exception {
    String readme = Files.readString(REACTOR.resolve("README.md"), StandardCharsets.UTF_8);
    Path project = scratch.resolve("fraud-alerts");

    // ./runnel new ../fraud-alerts --package com.acme.fraud
    assertThat(cli(readme, "new", project.toString(), "--package", "com.acme.fraud").code()).isZero();

    // (cd ../fraud-alerts && mvn package)
    assertThat(readme).contains("(cd " + SHOWN_PROJECT + " && mvn package)");
    String build = mavenPackage(project);
    assertThat(build).contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0", "runnel: wrote plan");
    assertThat(project.resolve("target/runnel-classpath.txt")).isRegularFile();
    try (JarFile functionPackage = new JarFile(project.resolve("target/function.jar").toFile())) {
      assertThat(functionPackage.getEntry("com/acme/fraud/SpendAlerts.class")).as("the job's classes").isNotNull();
      assertThat(functionPackage.getEntry("runnel/plans/spend.json")).as("its plan").isNotNull();
      assertThat(functionPackage.getEntry("dev/runnel/functions/StageHandler.class")).as("the runtime").isNotNull();
      assertThat(functionPackage.getEntry("dev/runnel/testdriver/JobTestDriver.class")).as("no test code").isNull();
    }

    // ./runnel run --project ../fraud-alerts com.acme.fraud.SpendAlerts --input payments-in=...
    Result run = cli(readme, "run", "--project", project.toString(), JOB, "--input",
        "payments-in=" + project.resolve("input/payments-in.jsonl"));
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("{\"payment\":\"p3\",\"account\":\"ana\",\"spentCents\":100000}",
        "{\"payment\":\"p4\",\"account\":\"ben\",\"spentCents\":104000}", "sink spend-alerts (table spend-alerts): 2 items");

    // ./runnel template --project ../fraud-alerts com.acme.fraud.SpendAlerts --output ../fraud-alerts/template.yaml
    assertThat(cli(readme, "template", "--project", project.toString(), JOB, "--output",
        project.resolve("template.yaml").toString()).code()).isZero();
    assertThat(Files.readString(project.resolve("template.yaml"))).contains("CodeUri: target/function.jar");
  }

  /** Runs a runnel command after checking the README shows it (with the scratch folder as ../fraud-alerts). */
  private Result cli(String readme, String... args) {
    String shown = "./runnel " + String.join(" ", args).replace(scratch.resolve("fraud-alerts").toString(),
        SHOWN_PROJECT);
    assertThat(readme).as("the README's walk-through shows this command").contains(shown);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = RunnelCommand.execute(args);
      return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }

  /**
   * {@code mvn package} in the project, offline from the shared local repository: this reactor's artifacts come from
   * a scratch repository filled here, everything else is read (never written) from the shared one.
   */
  private String mavenPackage(Path project) throws IOException, InterruptedException {
    Path repository = scratch.resolve("repository");
    assertThat(ReactorRepository.fill(REACTOR, repository))
        .contains("runnel-parent", "runnel-api", "runnel-functions", "runnel-planner", "runnel-test-driver");
    Path shared = Path.of(System.getProperty("runnel.maven.localRepository",
        System.getProperty("user.home") + "/.m2/repository"));
    Path settings = Files.writeString(scratch.resolve("settings.xml"), """
        <settings>
          <localRepository>%s</localRepository>
          <profiles>
            <profile>
              <id>shared-local-repository</id>
              <repositories>
                <repository><id>shared-local</id><url>%s</url><releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots></repository>
              </repositories>
              <pluginRepositories>
                <pluginRepository><id>shared-local</id><url>%s</url><releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots></pluginRepository>
              </pluginRepositories>
            </profile>
          </profiles>
          <activeProfiles><activeProfile>shared-local-repository</activeProfile></activeProfiles>
        </settings>
        """.formatted(repository, shared.toUri(), shared.toUri()));
    String mavenHome = System.getProperty("runnel.maven.home", "");
    String mvn = mavenHome.isBlank() ? "mvn" : Path.of(mavenHome, "bin", "mvn").toString();
    Path log = scratch.resolve("mvn-package.log");
    // -Dmaven.repo.local too: a MAVEN_OPTS naming the shared repository must not win over the settings' scratch one
    List<String> command = new ArrayList<>(List.of(mvn, "-B", "-ntp", "-nsu", "-Dstyle.color=never", "-s",
        settings.toString(), "-Dmaven.repo.local=" + repository, "package"));
    Process maven = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    boolean finished = maven.waitFor(10, TimeUnit.MINUTES);
    if (!finished) {
      maven.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    List<String> lines = output.lines().toList();
    assertThat(finished && maven.exitValue() == 0).as("mvn package of the new project failed; its last lines:\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 150), lines.size()))).isTrue();
    return output;
  }

  private record Result(int code, String out, String err) {}
}
