package dev.runnel.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where a job's classes are when they are not the command's own: {@code --classpath PATH} (jars and class
 * directories) or {@code --project DIR} (a Maven project made by {@code runnel new}, after {@code mvn package}).
 */
final class JobClasspathOptions {
  /** The classes directory of a project, relative to it. */
  static final String PROJECT_CLASSES = "target/classes";
  /** The runtime classpath of a project's dependencies, written by its build (dependency:build-classpath). */
  static final String PROJECT_CLASSPATH_FILE = "target/runnel-classpath.txt";
  /** The function package a project's build writes (maven-shade-plugin), the template's {@code CodeUri}. */
  static final String PROJECT_FUNCTION_PACKAGE = "target/function.jar";

  @Option(names = {"--classpath", "-cp"}, paramLabel = "PATH",
      description = "The job's classes and their dependencies: jars and class directories separated by '"
          + "${sys:path.separator}', as for java -cp.")
  private String classpath;

  @Option(names = "--project", paramLabel = "DIR",
      description = "A Maven project holding the job (see `runnel new`), built with mvn package: its target/classes "
          + "and the dependencies listed in target/runnel-classpath.txt.")
  private Path project;

  /** The project directory given with {@code --project}, if any. */
  Path project() {
    return project;
  }

  /** Whether the job's classes come from {@code --classpath} or {@code --project} rather than the command's own. */
  boolean given() {
    return classpath != null || project != null;
  }

  /** What the user can give to find a job class that is not on the classpath. */
  static String hint() {
    return "if the job is in your own project, build it (mvn package) and give --project DIR, or give its classes "
        + "with --classpath PATH";
  }

  /**
   * Makes the job's classes this thread's context class loader (where the planner, the local runner and the
   * functions load job classes from); nothing when neither option is given. A bad path is a usage error.
   */
  void install(CommandLine commandLine) {
    if (classpath != null && project != null) {
      throw new CommandLine.ParameterException(commandLine, "give --classpath or --project, not both");
    }
    if (!given()) {
      return;
    }
    List<Path> entries = classpath != null ? split(classpath) : projectEntries(commandLine);
    List<URL> urls = new ArrayList<>();
    for (Path entry : entries) {
      if (!Files.exists(entry)) {
        throw new CommandLine.ParameterException(commandLine, "the job classpath entry " + entry + " does not exist"
            + (project != null ? "; build the project with mvn package in " + project : ""));
      }
      try {
        urls.add(entry.toAbsolutePath().toUri().toURL());
      } catch (MalformedURLException e) {
        throw new CommandLine.ParameterException(commandLine, "the job classpath entry " + entry + " is not a path");
      }
    }
    Thread.currentThread().setContextClassLoader(new URLClassLoader("runnel-job", urls.toArray(URL[]::new),
        RunnelCommand.class.getClassLoader()));
  }

  private List<Path> projectEntries(CommandLine commandLine) {
    if (!Files.isRegularFile(project.resolve("pom.xml"))) {
      throw new CommandLine.ParameterException(commandLine, "--project " + project + " is not a Maven project (no "
          + "pom.xml); give the directory `runnel new` created, or the job's classes with --classpath");
    }
    Path classes = project.resolve(PROJECT_CLASSES);
    Path dependencies = project.resolve(PROJECT_CLASSPATH_FILE);
    if (!Files.isDirectory(classes) || !Files.isRegularFile(dependencies)) {
      throw new CommandLine.ParameterException(commandLine, "--project " + project + " is not built: it has no "
          + (Files.isDirectory(classes) ? PROJECT_CLASSPATH_FILE : PROJECT_CLASSES) + ". Run mvn package in " + project
          + " (a project made by `runnel new` writes both), or give the job's classes with --classpath");
    }
    List<Path> entries = new ArrayList<>(List.of(classes));
    try {
      entries.addAll(split(Files.readString(dependencies, StandardCharsets.UTF_8).strip()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dependencies, e);
    }
    return entries;
  }

  private static List<Path> split(String path) {
    List<Path> entries = new ArrayList<>();
    for (String entry : path.split(java.io.File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(Path.of(entry.strip()));
      }
    }
    return entries;
  }
}
