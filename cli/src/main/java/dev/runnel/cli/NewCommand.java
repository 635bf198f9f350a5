package dev.runnel.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
  /** Where the template is inside the CLI's jar (copied from {@code templates/} by the build). */
  static final String TEMPLATE = "/runnel/templates/job-project";
  /** The template's package, group and artifact, replaced by the ones given. */
  static final String TEMPLATE_PACKAGE = "com.example.job";
  private static final String TEMPLATE_COORDINATES =
      "<groupId>com.example</groupId>\n  <artifactId>job-project</artifactId>";

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
    List<Path> written = copyTemplate(group, artifact);
    String job = javaPackage + ".SpendAlerts";
    System.err.println("runnel: created " + dir + " (" + written.size() + " files), a Maven project with the sample job "
        + job + ". Next:");
    System.err.println("  (cd " + dir + " && mvn package)   # test with JobTestDriver, plan, write target/function.jar");
    System.err.println("  runnel run --project " + dir + " " + job + " --input payments-in=" + dir
        + "/input/payments-in.jsonl");
    System.err.println("  runnel template --project " + dir + " " + job + " --output " + dir + "/template.yaml");
    return ExitCodes.OK;
  }

  private List<Path> copyTemplate(String group, String artifact) {
    String packagePath = javaPackage.replace('.', '/');
    try {
      return withTemplate(template -> {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(template)) {
          files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<Path> targets = new java.util.ArrayList<>();
        for (Path file : files) {
          String relative = template.relativize(file).toString().replace(TEMPLATE_PACKAGE.replace('.', '/'),
              packagePath);
          String text = Files.readString(file, StandardCharsets.UTF_8).replace(TEMPLATE_PACKAGE, javaPackage)
              .replace(TEMPLATE_COORDINATES, TEMPLATE_COORDINATES.replace("com.example", group)
                  .replace("job-project", artifact));
          Path target = dir.resolve(relative);
          Files.createDirectories(target.getParent());
          Files.writeString(target, text, StandardCharsets.UTF_8);
          targets.add(target);
        }
        return targets;
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the project in " + dir, e);
    }
  }

  /** Runs {@code action} on the template folder, inside the CLI's jar or its classes directory. */
  private static <T> T withTemplate(TemplateAction<T> action) throws IOException {
    URL pom = NewCommand.class.getResource(TEMPLATE + "/pom.xml");
    if (pom == null) {
      throw new IllegalStateException("the project template is missing from the runnel command's classpath ("
          + TEMPLATE + "); rebuild the CLI");
    }
    try {
      URI uri = pom.toURI();
      if (uri.getScheme().equals("jar")) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return action.apply(jar.getPath(TEMPLATE));
        }
      }
      return action.apply(Path.of(uri).getParent());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the project template's location " + pom + " is not a URI", e);
    }
  }

  private static boolean isEmptyDirectory(Path path) {
    try (Stream<Path> entries = Files.list(path)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /** What is done with the template folder while it is open. */
  private interface TemplateAction<T> {
    T apply(Path template) throws IOException;
  }
}
