package dev.runnel.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code runnel new <dir> --package com.acme.fraud}: a Maven project for one's own job, copied from the template
 * {@code templates/job-project} (a sample job, its JobTestDriver test, the build that plans it and writes the
 * function package), with the template's package, group and artifact replaced.
 */
@Command(name = "new", mixinStandardHelpOptions = true,
    description = {"Create a Maven project for your own job: a sample job, its JobTestDriver test, and a build that "
        + "plans it and writes the function package (target/function.jar) for `runnel template --project`.",
        "Example: new fraud-alerts --package com.acme.fraud"})
final class NewCommand implements Callable<Integer> {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The project folder to create (new or empty).")
  private Path dir;

  @Option(names = "--package", required = true, paramLabel = "PACKAGE",
      description = "The Java package of the job, e.g. com.acme.fraud.")
  private String javaPackage;

  @Option(names = "--group-id", paramLabel = "GROUP", description = "The project's Maven groupId (default: the package).")
  private String groupId;

  @Option(names = "--artifact-id", paramLabel = "ARTIFACT",
      description = "The project's Maven artifactId (default: the folder's name).")
  private String artifactId;

  @Override
  public Integer call() {
    if (!SourceVersion.isName(javaPackage)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--package " + javaPackage + " is not a Java "
          + "package name; give dot-separated identifiers that are not keywords, e.g. com.acme.fraud");
    }
    String artifact = artifactId != null ? artifactId : dir.toAbsolutePath().normalize().getFileName().toString();
    String group = groupId != null ? groupId : javaPackage;
    if (!artifact.matches("[A-Za-z0-9_.-]+") || !group.matches("[A-Za-z0-9_.-]+")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "the Maven groupId '" + group + "' and artifactId '"
          + artifact + "' may hold letters, digits, '.', '-' and '_' only; give --group-id or --artifact-id");
    }
    if (Files.exists(dir) && !isEmptyDirectory(dir)) {
      throw new CommandLine.ParameterException(spec.commandLine(), dir + " exists and is not an empty folder; give a "
          + "new folder");
    }
    List<Path> written;
    try {
      written = ProjectTemplate.copy(dir, javaPackage, group, artifact);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the project in " + dir, e);
    }
    String job = javaPackage + "." + ProjectTemplate.SAMPLE_JOB;
    System.err.println("runnel: created " + dir + " (" + written.size() + " files), a Maven project with the sample job "
        + job + ". Next:");
    System.err.println("  (cd " + dir + " && mvn package)   # test with JobTestDriver, plan, write target/function.jar");
    System.err.println("  runnel run --project " + dir + " " + job + " --input payments-in=" + dir
        + "/input/payments-in.jsonl");
    System.err.println("  runnel template --project " + dir + " " + job + " --output " + dir + "/template.yaml");
    return ExitCodes.OK;
  }

  private static boolean isEmptyDirectory(Path path) {
    try (Stream<Path> entries = Files.list(path)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }
}
