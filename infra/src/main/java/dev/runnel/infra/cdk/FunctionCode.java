package dev.runnel.infra.cdk;

import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awscdk.services.lambda.Code;

/** The default function package: the model's code URI, a jar on disk, deployed as a CDK asset. */
public final class FunctionCode {
  private FunctionCode() {}

  /**
   * The jar at {@code codeUri}: as given when it exists or is absolute, otherwise the first parent of the working
   * directory that holds it (the URI is relative to the repository root, {@code cdk synth} runs in {@code infra/}).
   *
   * @throws IllegalStateException when no such jar exists, saying how to build it
   */
  public static Code of(String codeUri) {
    return Code.fromAsset(locate(codeUri).toString());
  }

  /** Where the jar at {@code codeUri} is, as {@link #of} looks for it. */
  public static Path locate(String codeUri) {
    Path given = Path.of(codeUri);
    if (given.isAbsolute() || Files.isRegularFile(given)) {
      return requireFile(given.toAbsolutePath(), codeUri);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(codeUri);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return requireFile(given.toAbsolutePath(), codeUri);
  }

  private static Path requireFile(Path path, String codeUri) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("the function package " + codeUri + " does not exist; build it first ("
          + "for the examples: mvn -pl examples -am package -DskipTests) or pass another with -c code=<jar>");
    }
    return path;
  }
}
