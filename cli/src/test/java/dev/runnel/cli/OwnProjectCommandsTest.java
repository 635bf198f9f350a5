package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.StreamingJob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job in its own project, without Maven or emulators: {@code runnel new} fills the template, and the commands take
 * the job's classes from {@code --classpath} or a built {@code --project} (its sample job compiled here with javac).
 */
class OwnProjectCommandsTest {
  private static final String JOB = "com.acme.fraud.SpendAlerts";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @TempDir
  Path dir;

  @BeforeEach
  void captureConsole() {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreConsole() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  @Test
  void newFillsTheTemplateWithThePackageGroupAndArtifact() throws IOException {
    Path project = dir.resolve("fraud-alerts");
    assertThat(RunnelCommand.execute("new", project.toString(), "--package", "com.acme.fraud")).isZero();

    String pom = Files.readString(project.resolve("pom.xml"));
    assertThat(pom).contains("<groupId>com.acme.fraud</groupId>\n  <artifactId>fraud-alerts</artifactId>",
        "<argument>com.acme.fraud.SpendAlerts</argument>", "<artifactId>runnel-api</artifactId>",
        "<artifactId>runnel-test-driver</artifactId>", "<outputFile>${project.build.directory}/function.jar</outputFile>");
    assertThat(Files.readString(project.resolve("src/main/java/com/acme/fraud/SpendAlerts.java")))
        .startsWith("package com.acme.fraud;");
    assertThat(Files.readString(project.resolve("src/test/java/com/acme/fraud/SpendAlertsTest.java")))
        .startsWith("package com.acme.fraud;").contains("JobTestDriver.of(SpendAlerts.class)");
    assertThat(project.resolve("input/payments-in.jsonl")).isRegularFile();
    try (Stream<Path> files = Files.walk(project)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file)).as(file.toString()).doesNotContain("com.example");
      }
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("runnel run --project " + project + " " + JOB);
  }

  @Test
  void newRefusesAFolderInUseAndAPackageThatIsNotOne() throws IOException {
    Path used = Files.createDirectories(dir.resolve("used"));
    Files.writeString(used.resolve("notes.txt"), "mine");
    assertThat(RunnelCommand.execute("new", used.toString(), "--package", "com.acme.fraud")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("exists and is not an empty folder");
    assertThat(RunnelCommand.execute("new", dir.resolve("p").toString(), "--package", "com.acme.new")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not a Java package name");
    assertThat(dir.resolve("p")).doesNotExist();
  }

  @Test
  void aJobOutsideTheClasspathGetsAHintNamingTheFlags() {
    assertThat(RunnelCommand.execute("explain", JOB)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no job class '" + JOB + "' on the classpath",
        "--project DIR", "--classpath PATH");
  }

  @Test
  void explainsRunsAndTemplatesAJobFromTheClasspathGiven() throws IOException {
    Path project = builtProject();
    Path classes = project.resolve("target/classes");

    assertThat(RunnelCommand.execute("explain", "--classpath", classes.toString(), JOB)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("job spend (" + JOB + ")",
        "process  Payment -> Alert");
    assertThat(Thread.currentThread().getContextClassLoader()).as("the job's loader ends with the command")
        .isSameAs(OwnProjectCommandsTest.class.getClassLoader());

    out.reset();
    assertThat(RunnelCommand.execute("explain", "--project", project.toString(), JOB, "--format", "json")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"jobClass\" : \"" + JOB + "\"");

    assertThat(RunnelCommand.execute("template", "--classpath", classes.toString(), JOB, "--output",
        dir.resolve("t.yaml").toString())).as("no function package is known to hold the job").isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("give --project DIR", "or --code-uri JAR");

    Path template = project.resolve("deploy/template.yaml");
    Files.createDirectories(template.getParent());
    assertThat(RunnelCommand.execute("template", "--project", project.toString(), JOB, "--output",
        template.toString())).isZero();
    assertThat(Files.readString(template)).contains("CodeUri: ../target/function.jar").doesNotContain("examples");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("target/function.jar does not exist yet");
  }

  @Test
  void aProjectThatIsNotBuiltIsAUsageErrorSayingToBuildIt() {
    Path project = dir.resolve("fraud");
    assertThat(RunnelCommand.execute("new", project.toString(), "--package", "com.acme.fraud")).isZero();
    assertThat(RunnelCommand.execute("run", "--project", project.toString(), JOB)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not built: it has no target/classes",
        "Run mvn package in " + project);
    assertThat(RunnelCommand.execute("status", "--project", dir.toString(), JOB, "--state-dir", "x")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not a Maven project (no pom.xml)");
  }

  /**
   * A project made by {@code runnel new} as {@code mvn package} leaves it for the commands: its job compiled into
   * target/classes with javac, and its dependencies' classpath file (empty: the API is the command's own).
   */
  private Path builtProject() throws IOException {
    Path project = dir.resolve("fraud");
    assertThat(RunnelCommand.execute("new", project.toString(), "--package", "com.acme.fraud")).isZero();
    Path classes = Files.createDirectories(project.resolve("target/classes"));
    String api = Path.of(location(StreamingJob.class)).toString();
    int javac = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-classpath",
        api, "-parameters", project.resolve("src/main/java/com/acme/fraud/SpendAlerts.java").toString());
    assertThat(javac).as("the template's sample job compiles against the API").isZero();
    Files.writeString(project.resolve("target/runnel-classpath.txt"), "");
    err.reset();
    return project;
  }

  private static java.net.URI location(Class<?> type) {
    try {
      return type.getProtectionDomain().getCodeSource().getLocation().toURI();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
