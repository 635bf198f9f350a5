package dev.runnel.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The job project template ({@code templates/job-project}, copied into the CLI's jar by its build): a real Maven
 * project in package {@code com.example.job}, group {@code com.example}, artifact {@code job-project}, which
 * {@link #copy} writes with those replaced.
 */
final class ProjectTemplate {
  /** Where the template is on the CLI's classpath. */
  static final String RESOURCE = "/runnel/templates/job-project";
  /** The template's package, replaced in every file's text and path. */
  static final String PACKAGE = "com.example.job";
  /** The sample job's simple class name. */
  static final String SAMPLE_JOB = "SpendAlerts";
  private static final String COORDINATES = "<groupId>com.example</groupId>\n  <artifactId>job-project</artifactId>";

  private ProjectTemplate() {}

  /** Writes the template into {@code dir} with the package, group and artifact given; returns the files written. */
  static List<Path> copy(Path dir, String javaPackage, String groupId, String artifactId) throws IOException {
    String coordinates = COORDINATES.replace("com.example", groupId).replace("job-project", artifactId);
    return withTemplate(template -> {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(template)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      List<Path> written = new ArrayList<>();
      for (Path file : files) {
        String relative = template.relativize(file).toString()
            .replace(PACKAGE.replace('.', '/'), javaPackage.replace('.', '/'));
        String text = Files.readString(file, StandardCharsets.UTF_8).replace(PACKAGE, javaPackage)
            .replace(COORDINATES, coordinates);
        Path target = dir.resolve(relative);
        Files.createDirectories(target.getParent());
        Files.writeString(target, text, StandardCharsets.UTF_8);
        written.add(target);
      }
      return written;
    });
  }

  /** Runs {@code action} on the template folder, inside the CLI's jar or its classes directory. */
  private static <T> T withTemplate(TemplateAction<T> action) throws IOException {
    URL pom = ProjectTemplate.class.getResource(RESOURCE + "/pom.xml");
    if (pom == null) {
      throw new IllegalStateException("the project template is missing from the runnel command's classpath ("
          + RESOURCE + "); rebuild the CLI");
    }
    try {
      URI uri = pom.toURI();
      if (uri.getScheme().equals("jar")) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return action.apply(jar.getPath(RESOURCE));
        }
      }
      return action.apply(Path.of(uri).getParent());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the project template's location " + pom + " is not a URI", e);
    }
  }

  /** What is done with the template folder while it is open. */
  private interface TemplateAction<T> {
    T apply(Path template) throws IOException;
  }
}
