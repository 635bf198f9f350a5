package dev.runnel.planner;

import dev.runnel.api.KeyBy;
import dev.runnel.api.Sink;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.StreamTransport;
import java.util.ArrayList;
import java.util.List;

/** Reads where a node's records go: the field its {@code @KeyBy} repartitions them by, and its {@code @Sink}s. */
final class OutputReader {
  private final List<JobProblem> problems;
  private final ResourceLimits limits;

  OutputReader(List<JobProblem> problems) {
    this.problems = problems;
    this.limits = new ResourceLimits(problems);
  }

  /** The {@code @KeyBy} field, with a problem when the record type has no such field or the shard count is bad. */
  String keyField(String at, KeyBy keyBy, Class<?> type) {
    if (!RecordFields.hasNamedFields(type)) {
      problem(at, "@KeyBy(\"" + keyBy.value() + "\") keys " + Describe.type(type) + " records, which have no named"
          + " fields", "Emit a record with the key as a component, e.g. record Keyed(String " + keyBy.value()
          + ", ...), and key by that component.");
    } else if (!RecordFields.has(type, keyBy.value())) {
      unknownField(at, "@KeyBy(\"" + keyBy.value() + "\")", type, keyBy.value());
    }
    if (keyBy.shards() != 0) {
      limits.checkShards(at, "@KeyBy(shards)", keyBy.shards());
    }
    return keyBy.value();
  }

  /** The sinks declared by the annotations on a node emitting records of {@code recordType}; bad ones are left out. */
  List<SinkDeclaration> sinks(String at, Class<?> recordType, Sink[] annotations) {
    List<SinkDeclaration> sinks = new ArrayList<>();
    for (Sink sink : annotations) {
      int targets = (sink.stream().isEmpty() ? 0 : 1) + (sink.topic().isEmpty() ? 0 : 1)
          + (sink.table().isEmpty() ? 0 : 1) + (sink.console() ? 1 : 0);
      if (targets != 1) {
        problem(at, "a @Sink sets " + targets + " of stream, topic, table and console",
            "Set exactly one, e.g. @Sink(table = \"...\", key = \"id\"); repeat @Sink for several sinks.");
        continue;
      }
      if (sink.partitions() != 1 && sink.topic().isEmpty()) {
        problem(at, "a @Sink sets partitions = " + sink.partitions() + " but no topic",
            "Remove partitions, or use shards for a stream sink.");
      }
      if (sink.shards() != 1 && !sink.topic().isEmpty()) {
        problem(at, "the topic sink '" + sink.topic() + "' sets shards = " + sink.shards() + ", which is for streams",
            "Use partitions = " + sink.shards() + " instead.");
      }
      String key = sink.key().isEmpty() ? null : sink.key();
      if (!sink.table().isEmpty() && !RecordFields.hasNamedFields(recordType)) {
        problem(at, "the table sink '" + sink.table() + "' gets " + Describe.type(recordType) + " records, but a"
                + " table item is made of a record's components",
            "Return a record instead, e.g. record Row(String id, " + Describe.type(recordType) + " value), and set"
                + " @Sink(table = \"" + sink.table() + "\", key = \"id\").");
        continue;
      }
      if (key != null && !RecordFields.hasNamedFields(recordType)) {
        problem(at, "@Sink key \"" + key + "\" names a field, but " + Describe.type(recordType) + " records have no"
            + " named fields", "Remove key (the input's partition key is reused), or emit a record with the key as a"
            + " component.");
      } else if (key != null && !RecordFields.has(recordType, key)) {
        unknownField(at, "@Sink key \"" + key + "\"", recordType, key);
      } else if (key != null && key.indexOf('.') >= 0 && !sink.table().isEmpty()) {
        problem(at, "the table sink '" + sink.table() + "' has the nested key \"" + key + "\", but a table's"
                + " partition key is a top-level attribute of its items",
            "Key the table by a component of " + Describe.type(recordType) + " itself: add one holding " + key
                + " to the record you emit.");
      }
      if (!sink.table().isEmpty()) {
        limits.checkTableName(at, sink.table());
        if (key == null) {
          problem(at, "the table sink '" + sink.table() + "' has no key",
              "Name the field that is the table's partition key: @Sink(table = \"" + sink.table()
                  + "\", key = \"...\").");
        }
        sinks.add(new SinkDeclaration(nameOr(sink, sink.table()), OutputKind.TABLE, sink.table(), key, 0,
            StreamTransport.KINESIS, at));
      } else if (!sink.stream().isEmpty()) {
        limits.checkStreamName(at, "sink stream", sink.stream());
        limits.checkShards(at, "@Sink(shards)", sink.shards());
        sinks.add(new SinkDeclaration(nameOr(sink, sink.stream()), OutputKind.STREAM, sink.stream(), key,
            sink.shards(), StreamTransport.KINESIS, at));
      } else if (!sink.topic().isEmpty()) {
        limits.checkTopicName(at, "sink topic", sink.topic());
        limits.checkPartitions(at, "@Sink(partitions)", sink.partitions());
        sinks.add(new SinkDeclaration(nameOr(sink, sink.topic()), OutputKind.STREAM, sink.topic(), key,
            sink.partitions(), StreamTransport.KAFKA, at));
      } else {
        sinks.add(new SinkDeclaration(nameOr(sink, "console"), OutputKind.CONSOLE, null, key, 0,
            StreamTransport.KINESIS, at));
      }
    }
    return sinks;
  }

  /** A problem for a field (or nested path) that {@code type} does not have, naming the segment that is wrong. */
  private void unknownField(String at, String what, Class<?> type, String field) {
    RecordFields.Miss miss = RecordFields.miss(type, field);
    if (miss == null || miss.resolved().isEmpty()) {
      problem(at, what + " names no field of " + Describe.type(type),
          "Use one of its fields: " + RecordFields.names(type) + ".");
    } else if (!RecordFields.hasNamedFields(miss.owner())) {
      problem(at, what + " goes into '" + miss.resolved() + "', a " + Describe.type(miss.owner()) + ", which has no"
          + " field '" + miss.segment() + "'", "End the path at '" + miss.resolved() + "', or make it a record.");
    } else {
      problem(at, what + ": '" + miss.resolved() + "' is a " + Describe.type(miss.owner()) + ", which has no field '"
          + miss.segment() + "'", "Use one of its fields: " + miss.resolved() + "."
          + String.join(", " + miss.resolved() + ".", RecordFields.names(miss.owner())) + ".");
    }
  }

  private static String nameOr(Sink sink, String fallback) {
    return sink.name().isEmpty() ? fallback : sink.name();
  }

  private void problem(String at, String problem, String fix) {
    problems.add(new JobProblem(at, problem, fix));
  }
}
