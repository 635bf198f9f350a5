package dev.runnel.emulators;

import java.nio.file.Path;

/**
 * Where Runnel keeps tools it installs itself (kinesis-local from npm): the system property {@code runnel.tools.dir},
 * else the environment variable {@code RUNNEL_TOOLS_DIR}, else {@code .runnel/tools} under the working directory.
 */
public final class ToolsDirectory {
  /** The system property naming the tools directory; the build's surefire sets it to the repository's. */
  public static final String PROPERTY = "runnel.tools.dir";
  /** The environment variable naming the tools directory. */
  public static final String ENVIRONMENT_VARIABLE = "RUNNEL_TOOLS_DIR";

  private ToolsDirectory() {}

  /** The tools directory, absolute; it may not exist yet. */
  public static Path resolve() {
    String property = System.getProperty(PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath();
    }
    String variable = System.getenv(ENVIRONMENT_VARIABLE);
    if (variable != null && !variable.isBlank()) {
      return Path.of(variable).toAbsolutePath();
    }
    return Path.of(".runnel", "tools").toAbsolutePath();
  }
}
