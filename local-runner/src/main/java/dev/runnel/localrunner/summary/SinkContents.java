package dev.runnel.localrunner.summary;

import dev.runnel.plan.OutputKind;
import java.util.List;

/**
 * Everything one sink received, sorted so that runs compare equal.
 *
 * @param name    the sink's name
 * @param kind    stream, table or console
 * @param target  the stream or table name, null for the console
 * @param records each record as JSON: a stream record's data, a table item, a console line
 */
public record SinkContents(String name, OutputKind kind, String target, List<String> records) {
  public SinkContents {
    records = List.copyOf(records);
  }
}
