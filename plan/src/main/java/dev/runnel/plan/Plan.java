package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A planned job: the streams and tables it needs and the function stages that connect them.
 *
 * @param format   the plan format version, {@link #FORMAT}
 * @param job      the job's name
 * @param jobClass the fully qualified class of the job, instantiated by the runtime
 * @param streams  every Kinesis stream the job reads or writes
 * @param tables   every DynamoDB table the job writes (sinks, dead letters, later state and checkpoints)
 * @param stages   the function stages in topological order: a stage's input is written only by earlier stages
 * @param models   the models inference operators call, by name; empty (and omitted) when none
 * @param maxRecordAttempts how often a batch may fail for an unknown reason before it is narrowed to the record that
 *                 fails alone, which goes to the dead letters; {@link #DEFAULT_MAX_RECORD_ATTEMPTS} (and omitted)
 *                 unless the job sets it
 */
public record Plan(
    String format,
    String job,
    String jobClass,
    List<StreamSpec> streams,
    List<TableSpec> tables,
    List<StageSpec> stages,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ModelSpec> models,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = DefaultAttempts.class) Integer maxRecordAttempts) {

  /** The format this code reads and writes. A reader rejects any other. */
  public static final String FORMAT = "runnel.plan/v1";

  /** How often a batch may fail for an unknown reason before it is narrowed, unless the job says otherwise. */
  public static final int DEFAULT_MAX_RECORD_ATTEMPTS = 3;

  /** The most {@code maxRecordAttempts} may be: beyond it a poison record holds its shard for too long. */
  public static final int MAX_RECORD_ATTEMPTS = 20;

  public Plan {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(jobClass, "jobClass");
    streams = List.copyOf(streams);
    tables = List.copyOf(tables);
    stages = List.copyOf(stages);
    models = models == null ? List.of() : List.copyOf(models);
    if (maxRecordAttempts == null || maxRecordAttempts == 0) {
      maxRecordAttempts = DEFAULT_MAX_RECORD_ATTEMPTS;
    }
    if (maxRecordAttempts < 1 || maxRecordAttempts > MAX_RECORD_ATTEMPTS) {
      throw new IllegalArgumentException("maxRecordAttempts must be 1.." + MAX_RECORD_ATTEMPTS + ", not "
          + maxRecordAttempts);
    }
  }

  /** A plan with the default {@code maxRecordAttempts}. */
  public Plan(String format, String job, String jobClass, List<StreamSpec> streams, List<TableSpec> tables,
      List<StageSpec> stages, List<ModelSpec> models) {
    this(format, job, jobClass, streams, tables, stages, models, DEFAULT_MAX_RECORD_ATTEMPTS);
  }

  /** A plan without models. */
  public Plan(String format, String job, String jobClass, List<StreamSpec> streams, List<TableSpec> tables,
      List<StageSpec> stages) {
    this(format, job, jobClass, streams, tables, stages, List.of());
  }

  /** The same plan with another {@code maxRecordAttempts}. */
  public Plan withMaxRecordAttempts(int attempts) {
    return new Plan(format, job, jobClass, streams, tables, stages, models, attempts);
  }

  /** The same plan with other tables. */
  public Plan withTables(List<TableSpec> newTables) {
    return new Plan(format, job, jobClass, streams, newTables, stages, models, maxRecordAttempts);
  }

  /** The same plan with other stages. */
  public Plan withStages(List<StageSpec> newStages) {
    return new Plan(format, job, jobClass, streams, tables, newStages, models, maxRecordAttempts);
  }

  /**
   * True when {@code stream} is read by a stage running parallel lanes ({@code parallelizationFactor} above 1): its
   * records are keyed by a hash of their routing key and carry their identity in their data (docs/exactly-once.md,
   * "Parallel lanes").
   */
  public boolean readInLanes(String stream) {
    return stages.stream().anyMatch(s -> s.input().stream().equals(stream) && s.batching().parallelizationFactor() > 1);
  }

  /** The model with this name. */
  public Optional<ModelSpec> model(String name) {
    return models.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** The stage with this id. */
  public Optional<StageSpec> stage(String id) {
    return stages.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** The stream with this name. */
  public Optional<StreamSpec> stream(String name) {
    return streams.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The names of the job's Kafka topics (sources, repartition edges, sinks); empty for a Kinesis-only job. */
  public List<String> kafkaTopics() {
    return streams.stream().filter(StreamSpec::kafka).map(StreamSpec::name).toList();
  }

  /** The tables with this role. */
  public List<TableSpec> tables(TableRole role) {
    return tables.stream().filter(t -> t.role() == role).toList();
  }

  /** The job's dead-letter table: every stage sends records it cannot process there. */
  public TableSpec deadLetterTable() {
    return tables(TableRole.DEAD_LETTER).stream().findFirst()
        .orElseThrow(() -> new IllegalStateException("plan of job '" + job + "' has no dead-letter table"));
  }

  /** Leaves {@code maxRecordAttempts} out of the JSON when it is the default (Jackson's custom inclusion filter). */
  static final class DefaultAttempts {
    @Override
    public boolean equals(Object value) {
      return value instanceof Integer n && n == DEFAULT_MAX_RECORD_ATTEMPTS;
    }

    @Override
    public int hashCode() {
      return DEFAULT_MAX_RECORD_ATTEMPTS;
    }
  }
}
