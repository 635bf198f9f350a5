package dev.runnel.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A scratch Maven local repository holding this reactor's artifacts as {@code mvn install} would lay them out (each
 * module's pom and a jar of its {@code target/classes}), so that a project outside the reactor builds against the
 * code under test without anything being installed into the shared local repository.
 */
final class ReactorRepository {
  private static final Pattern ROOT_VERSION =
      Pattern.compile("<artifactId>runnel-parent</artifactId>\\s*<version>([^<]+)</version>");
  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern OWN_ARTIFACT_ID = Pattern.compile("</parent>.*?<artifactId>([^<]+)</artifactId>",
      Pattern.DOTALL);
  private static final Pattern PARENT_VERSION = Pattern.compile("<parent>.*?<version>([^<]+)</version>",
      Pattern.DOTALL);

  private ReactorRepository() {}

  /**
   * Lays the root pom and every module's pom, with a jar of its compiled classes when it has any, into
   * {@code repository}; returns the artifact ids laid out.
   */
  static List<String> fill(Path reactorRoot, Path repository) throws IOException {
    String rootPom = Files.readString(reactorRoot.resolve("pom.xml"), StandardCharsets.UTF_8);
    Matcher parent = ROOT_VERSION.matcher(rootPom);
    if (!parent.find()) {
      throw new IllegalStateException(reactorRoot.resolve("pom.xml") + " is not runnel-parent's pom");
    }
    String version = parent.group(1);
    List<String> laidOut = new ArrayList<>();
    Path parentDir = Files.createDirectories(artifactDir(repository, "runnel-parent", version));
    Files.copy(reactorRoot.resolve("pom.xml"), parentDir.resolve("runnel-parent-" + version + ".pom"));
    laidOut.add("runnel-parent");
    Matcher modules = MODULE.matcher(rootPom);
    while (modules.find()) {
      Path module = reactorRoot.resolve(modules.group(1));
      String pom = Files.readString(module.resolve("pom.xml"), StandardCharsets.UTF_8);
      Matcher own = OWN_ARTIFACT_ID.matcher(pom);
      Matcher parentVersion = PARENT_VERSION.matcher(pom);
      if (!own.find() || !parentVersion.find() || !parentVersion.group(1).equals(version)) {
        continue; // not a module of this version's reactor
      }
      String artifactId = own.group(1);
      Path dir = Files.createDirectories(artifactDir(repository, artifactId, version));
      Files.copy(module.resolve("pom.xml"), dir.resolve(artifactId + "-" + version + ".pom"));
      Path classes = module.resolve("target/classes");
      if (!pom.contains("<packaging>pom</packaging>") && Files.isDirectory(classes)) {
        jar(classes, dir.resolve(artifactId + "-" + version + ".jar"));
      }
      laidOut.add(artifactId);
    }
    return laidOut;
  }

  private static Path artifactDir(Path repository, String artifactId, String version) {
    return repository.resolve("dev/runnel").resolve(artifactId).resolve(version);
  }

  private static void jar(Path classes, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
         Stream<Path> walk = Files.walk(classes)) {
      for (Path entry : walk.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(entry).toString().replace('\\', '/')));
        Files.copy(entry, out);
        out.closeEntry();
      }
    }
  }
}
