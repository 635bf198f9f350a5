package dev.runnel.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A job's bundled input file, {@code runnel/inputs/<job>/<stream>.jsonl}: read in tests, written by generators. */
public record BundledInput(String job, String stream) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The resource path. */
  public String resource() {
    return "runnel/inputs/" + job + "/" + stream + ".jsonl";
  }

  /** The non-blank lines of the bundled file, from the test class path. */
  public List<String> lines() {
    var in = BundledInput.class.getClassLoader().getResourceAsStream(resource());
    if (in == null) {
      throw new IllegalStateException("no bundled input " + resource());
    }
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines parsed as {@code type}. */
  public <T> List<T> records(Class<T> type) {
    return lines().stream().map(line -> {
      try {
        return JSON.readValue(line, type);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("not a " + type.getSimpleName() + ": " + line, e);
      }
    }).toList();
  }

  /** Writes records as JSON lines into the examples module's source tree ({@code examples/} or the module dir). */
  public void write(List<?> records) throws IOException {
    Path module = Files.isDirectory(Path.of("examples", "src")) ? Path.of("examples") : Path.of(".");
    Path file = module.resolve("src/main/resources").resolve(resource());
    StringBuilder text = new StringBuilder();
    for (Object record : records) {
      text.append(JSON.writeValueAsString(record)).append('\n');
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    System.out.println("wrote " + records.size() + " records to " + file);
  }

  /** The JSON line of one record, as {@link #write} writes it. */
  public static String json(Object record) {
    try {
      return JSON.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
