package dev.runnel.deploytests.sam;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Translates a SAM template into CloudFormation with the preinstalled Python package aws-sam-translator (the
 * transform CloudFormation itself runs), after rewriting every function's {@code CodeUri} to an S3 location.
 */
public final class SamTranslator {
  private static final String SCRIPT = "translate_sam.py";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String region;

  /** A translator for templates deployed into {@code region} (the transform needs one). */
  public SamTranslator(String region) {
    this.region = region;
  }

  /**
   * The CloudFormation template {@code samTemplate} becomes with its code at {@code code}.
   *
   * @throws IllegalStateException if python3 or aws-sam-translator is missing, or the template is invalid SAM
   */
  public CfnTemplate translate(Path samTemplate, CodeLocation code) {
    Path script = extractScript();
    Path output = null;
    try {
      output = Files.createTempFile("runnel-cfn-", ".json");
      Path errors = Files.createTempFile("runnel-cfn-", ".err");
      ProcessBuilder builder = new ProcessBuilder(List.of("python3", script.toString(),
          samTemplate.toAbsolutePath().toString(), code.bucket(), code.key()))
          .redirectOutput(output.toFile()).redirectError(errors.toFile());
      builder.environment().put("AWS_DEFAULT_REGION", region);
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("aws-sam-translator did not finish within " + TIMEOUT);
      }
      String stderr = Files.readString(errors, StandardCharsets.UTF_8);
      Files.deleteIfExists(errors);
      if (process.exitValue() != 0) {
        throw new IllegalStateException("aws-sam-translator rejected " + samTemplate + ":\n" + stderr);
      }
      return new CfnTemplate(JSON.readTree(output.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run python3 with aws-sam-translator", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while translating " + samTemplate, e);
    } finally {
      deleteQuietly(output);
      deleteQuietly(script);
    }
  }

  private static Path extractScript() {
    try (InputStream in = SamTranslator.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is missing from the class path");
      }
      Path script = Files.createTempFile("runnel-translate-sam-", ".py");
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      return script;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path path) {
    if (path == null) {
      return;
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // a temporary file; the OS cleans up
    }
  }
}
