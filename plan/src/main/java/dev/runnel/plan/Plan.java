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
 */
public record Plan(
    String format,
    String job,
    String jobClass,
    List<StreamSpec> streams,
    List<TableSpec> tables,
    List<StageSpec> stages,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ModelSpec> models) {

  /** The format this code reads and writes. A reader rejects any other. */
  public static final String FORMAT = "runnel.plan/v1";

  public Plan {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(jobClass, "jobClass");
    streams = List.copyOf(streams);
    tables = List.copyOf(tables);
    stages = List.copyOf(stages);
    models = models == null ? List.of() : List.copyOf(models);
  }

  /** A plan without models. */
  public Plan(String format, String job, String jobClass, List<StreamSpec> streams, List<TableSpec> tables,
      List<StageSpec> stages) {
    this(format, job, jobClass, streams, tables, stages, List.of());
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

  /** The tables with this role. */
  public List<TableSpec> tables(TableRole role) {
    return tables.stream().filter(t -> t.role() == role).toList();
  }

  /** The job's dead-letter table: every stage sends records it cannot process there. */
  public TableSpec deadLetterTable() {
    return tables(TableRole.DEAD_LETTER).stream().findFirst()
        .orElseThrow(() -> new IllegalStateException("plan of job '" + job + "' has no dead-letter table"));
  }
}
