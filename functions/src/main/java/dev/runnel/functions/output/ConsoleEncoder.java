package dev.runnel.functions.output;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.codec.RunnelJson;
import dev.runnel.functions.deadletter.ErrorType;
import dev.runnel.functions.deadletter.StepFailure;

/**
 * Encodes records for a console sink as one-line JSON.
 *
 * @param name the sink's name
 * @param from the node it writes
 */
public record ConsoleEncoder(String name, String from) implements OutputEncoder {
  private static final ObjectWriter JSON = RunnelJson.MAPPER.writer();

  @Override
  public Emission encode(Object record, InputRecord input) throws StepFailure {
    try {
      return new ConsoleLine(name, JSON.writeValueAsString(record));
    } catch (Exception e) {
      throw new StepFailure(ErrorType.ENCODE, name, "output '" + name + "' cannot encode its record as JSON", e);
    }
  }
}
