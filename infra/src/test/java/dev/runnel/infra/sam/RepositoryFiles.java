package dev.runnel.infra.sam;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository, from the infra module's directory (where Maven runs its tests) or the root. */
final class RepositoryFiles {
  private RepositoryFiles() {}

  /** The repository root: the directory holding {@code template.yaml} and the parent pom. */
  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("template.yaml")) && Files.exists(dir.resolve("infra/pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root above " + here);
  }
}
