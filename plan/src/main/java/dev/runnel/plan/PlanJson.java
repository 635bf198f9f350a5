package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads and writes plans as JSON. Unknown fields and other format versions are rejected, never guessed at. */
public final class PlanJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  private PlanJson() {}

  /** The plan as an indented JSON document. */
  public static String write(Plan plan) {
    try {
      return MAPPER.writeValueAsString(plan) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write plan of job " + plan.job(), e);
    }
  }

  /** Reads a plan; fails if the document is not a {@link Plan#FORMAT} plan. */
  public static Plan read(String json) {
    try {
      return checked(MAPPER.readValue(json, Plan.class));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a valid Runnel plan: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads a plan from a stream, which is left open. */
  public static Plan read(InputStream in) {
    try {
      return checked(MAPPER.readValue(in, Plan.class));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a valid Runnel plan: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Plan checked(Plan plan) {
    if (!Plan.FORMAT.equals(plan.format())) {
      throw new IllegalArgumentException(
          "plan format '" + plan.format() + "' is not supported; this runtime reads '" + Plan.FORMAT
              + "'. Plan the job again with the same Runnel version as the runtime.");
    }
    return plan;
  }
}
