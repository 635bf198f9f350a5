package dev.runnel.planner;

import dev.runnel.api.Codec;
import dev.runnel.api.Decoding;
import dev.runnel.api.KeyBy;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.plan.DecodingMode;
import dev.runnel.plan.StreamTransport;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

/** Reads a {@code @Source} record type: its stream or topic, shards or partitions, codec and decoding, and its key, sinks, event time and id field. */
final class SourceReader {
  private final List<JobProblem> problems;
  private final ResourceLimits limits;
  private final OutputReader outputs;
  private final EventTimeReader eventTimes;
  private final SourceIdReader ids;

  SourceReader(List<JobProblem> problems) {
    this.problems = problems;
    this.limits = new ResourceLimits(problems);
    this.outputs = new OutputReader(problems);
    this.eventTimes = new EventTimeReader(problems);
    this.ids = new SourceIdReader(problems);
  }

  /**
   * The sources the record type declares, one per {@code @Source}. A type with several reads several streams alike;
   * sinks on it would be declared once per stream, so they belong on an operator reading the union instead.
   */
  List<SourceNode> read(Class<?> type) {
    Source[] declared = type.getAnnotationsByType(Source.class);
    boolean sinks = type.getAnnotationsByType(Sink.class).length > 0;
    if (declared.length > 1 && sinks) {
      problem(Describe.type(type), "has @Sink and several @Source streams " + Arrays.stream(declared)
              .map(s -> s.topic().isEmpty() ? s.stream() : s.topic()).toList(),
          "Move the @Sink to an operator reading them all, e.g. a @Filter(from = {...}) that keeps every record.");
    }
    return Arrays.stream(declared).map(source -> read(type, source, declared.length == 1)).toList();
  }

  private SourceNode read(Class<?> type, Source source, boolean withSinks) {
    String at = Describe.type(type);
    boolean kafka = !source.topic().isEmpty();
    if (source.stream().isEmpty() == source.topic().isEmpty()) {
      problem(at, "@Source sets " + (kafka ? "both stream and topic" : "neither stream nor topic"),
          "Set exactly one: @Source(stream = \"...\") for a Kinesis stream, @Source(topic = \"...\") for a Kafka topic.");
    } else if (kafka) {
      limits.checkTopicName(at, "source topic", source.topic());
      limits.checkPartitions(at, "@Source(partitions)", source.partitions());
      if (source.shards() != 1) {
        problem(at, "the topic source '" + source.topic() + "' sets shards = " + source.shards()
            + ", which is for streams", "Use partitions = " + source.shards() + " instead.");
      }
    } else {
      limits.checkStreamName(at, "source stream", source.stream());
      limits.checkShards(at, "@Source(shards)", source.shards());
      if (source.partitions() != 1) {
        problem(at, "the stream source '" + source.stream() + "' sets partitions = " + source.partitions()
            + ", which is for topics", "Use shards = " + source.partitions() + " instead.");
      }
    }
    if (!Modifier.isPublic(type.getModifiers())) {
      problem(at, "the source record type is not public", "Make it public so the runtime can decode into it.");
    }
    KeyBy keyBy = type.getAnnotation(KeyBy.class);
    String keyField = keyBy == null ? null : outputs.keyField(at, keyBy, type);
    String codec = codecName(at, source.codec());
    if (source.decoding() == Decoding.LENIENT && source.codec() != Codec.Json.class) {
      problem(at, "@Source(decoding = LENIENT) applies to the built-in JSON codec, not to codec "
          + Describe.type(source.codec()), "Remove decoding, or make the codec itself convert what it accepts.");
    }
    DecodingMode decoding = source.decoding() == Decoding.LENIENT ? DecodingMode.LENIENT : DecodingMode.STRICT;
    List<SinkDeclaration> sinks = withSinks ? outputs.sinks(at, type, type.getAnnotationsByType(Sink.class))
        : List.of();
    return new SourceNode(kafka ? source.topic() : source.stream(), type,
        kafka ? source.partitions() : source.shards(), kafka ? StreamTransport.KAFKA : StreamTransport.KINESIS, codec,
        keyField, keyBy == null ? 0 : keyBy.shards(),
        sinks, eventTimes.read(at, type), decoding, ids.read(at, type, source), at);
  }

  private String codecName(String at, Class<? extends Codec> codec) {
    if (codec == Codec.Json.class) {
      return "json";
    }
    boolean constructible = !codec.isInterface() && !Modifier.isAbstract(codec.getModifiers())
        && Modifier.isPublic(codec.getModifiers())
        && Arrays.stream(codec.getConstructors()).anyMatch(c -> c.getParameterCount() == 0);
    if (!constructible) {
      problem(at, "codec " + Describe.type(codec) + " cannot be created by the runtime",
          "Make it a public concrete class with a public no-argument constructor.");
    }
    return codec.getName();
  }

  private void problem(String at, String problem, String fix) {
    problems.add(new JobProblem(at, problem, fix));
  }
}
