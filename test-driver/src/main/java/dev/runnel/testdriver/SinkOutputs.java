package dev.runnel.testdriver;

import dev.runnel.functions.output.TableItemJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.functions.ConsoleOutput;
import dev.runnel.functions.codec.RunnelJson;
import dev.runnel.functions.output.TableItem;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the sinks received, as a reader of each would see it: a sink stream's records without the copies a retried
 * stage resent (by their identity, docs/exactly-once.md), a table's writes without a replay's repeated writes (same
 * key, same producing position), a console sink's lines; each in emission order; and the dead letters. It is also
 * the console the stages print to.
 */
final class SinkOutputs implements ConsoleOutput {
  private static final ObjectMapper JSON = RunnelJson.MAPPER;

  private final Plan plan;
  private final InMemoryStreams streams;
  private final InMemoryTables tables;
  private final Map<String, List<String>> consoleLines = new LinkedHashMap<>();

  SinkOutputs(Plan plan, InMemoryStreams streams, InMemoryTables tables) {
    this.plan = plan;
    this.streams = streams;
    this.tables = tables;
  }

  @Override
  public synchronized void print(String sinkName, String json) {
    consoleLines.computeIfAbsent(sinkName, s -> new ArrayList<>()).add(json);
  }

  /** The JSON of every record sink {@code name} received, in emission order. */
  List<String> json(String name) {
    OutputSpec sink = sink(name);
    return switch (sink.kind()) {
      case CONSOLE -> console(name);
      case STREAM -> streamRecords(sink.target());
      case TABLE -> tableWrites(sink.target());
      case REPARTITION, BROADCAST -> throw new IllegalStateException("unreachable");
    };
  }

  /** The items table sink {@code name} holds now, as JSON, in the order their keys were first written. */
  List<String> tableContents(String name) {
    OutputSpec sink = sink(name);
    if (sink.kind() != OutputKind.TABLE) {
      throw new IllegalArgumentException("sink " + name + " of job " + plan.job() + " writes to the "
          + sink.kind().toString().toLowerCase(java.util.Locale.ROOT) + ", not a table: read it with output()");
    }
    return tables.items(sink.target()).stream().map(item -> TableItemJson.record(item, List.of()).toString())
        .toList();
  }

  /** The items written to the dead-letter table, each once, in the order they were first written. */
  List<DeadLetter> deadLetters() {
    List<DeadLetter> letters = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Map<String, AttributeValue> item : tables.writes(plan.deadLetterTable().name())) {
      if (seen.add(text(item, "stage") + "|" + text(item, "shard") + "|" + text(item, "sequenceNumber"))) {
        AttributeValue payload = item.get("payload");
        letters.add(new DeadLetter(text(item, "stage"), text(item, "shard"), text(item, "sequenceNumber"),
            text(item, "errorType"), text(item, "operator"), text(item, "error"),
            payload == null ? null : payload.b() != null
                ? new String(payload.b().asByteArray(), StandardCharsets.UTF_8) : payload.s()));
      }
    }
    return letters;
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s() != null ? value.s() : value.n();
  }

  /** {@code json} read as {@code type}, failing with the sink's name when it is not one. */
  static <T> T decode(String sink, String json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (IOException e) {
      throw new IllegalArgumentException("sink " + sink + " received a record that is not a " + type.getName()
          + ": " + json, e);
    }
  }

  private synchronized List<String> console(String name) {
    return List.copyOf(consoleLines.getOrDefault(name, List.of()));
  }

  private List<String> streamRecords(String stream) {
    List<String> records = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (InMemoryStreams.Stored record : streams.all(stream)) {
      Optional<String> output = outputOf(record.partitionKey());
      if (output.isEmpty() || seen.add(output.get())) {
        records.add(new String(record.data(), StandardCharsets.UTF_8));
      }
    }
    return records;
  }

  private List<String> tableWrites(String table) {
    List<String> records = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Map<String, AttributeValue> item : tables.writes(table)) {
      AttributeValue position = item.get(TableItem.POSITION_ATTRIBUTE);
      String json = TableItemJson.record(item, List.of()).toString();
      if (position == null || seen.add(position.s() + "|" + json)) {
        records.add(json);
      }
    }
    return records;
  }

  /** Which output of which stage a record is (the same for every attempt at it); empty without an identity. */
  private static Optional<String> outputOf(String partitionKey) {
    try {
      return RecordIdentity.parse(partitionKey)
          .map(id -> id.stage() + "|" + id.shardId() + "|" + id.sequenceNumber() + "|" + id.index());
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }

  private OutputSpec sink(String name) {
    List<String> names = new ArrayList<>();
    for (StageSpec stage : plan.stages()) {
      for (OutputSpec output : stage.outputs()) {
        if (output.kind() == OutputKind.REPARTITION) {
          continue;
        }
        if (output.name().equals(name)) {
          return output;
        }
        names.add(output.name());
      }
    }
    throw new IllegalArgumentException("job " + plan.job() + " has no sink named '" + name + "'; its sinks are "
        + names);
  }
}
