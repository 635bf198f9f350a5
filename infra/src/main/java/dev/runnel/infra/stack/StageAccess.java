package dev.runnel.infra.stack;

import dev.runnel.plan.OperatorKind;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateKind;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.TableRole;
import dev.runnel.plan.TableSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The least-privilege inline policy of a stage's function: exactly the calls the runtime makes (functions,
 * state-store, checkpointing, inference), on exactly the streams, tables, queue, secrets and models the stage uses.
 */
final class StageAccess {
  /** What Lambda's Kinesis event source mapping needs on the input stream (ListStreams has no resource scope). */
  static final List<String> READ_STREAM = List.of("kinesis:DescribeStream", "kinesis:DescribeStreamSummary",
      "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:SubscribeToShard");
  /** {@code KinesisRecordWriter} (PutRecords) and the watermark markers' shard listing. */
  static final List<String> WRITE_STREAM = List.of("kinesis:ListShards", "kinesis:PutRecord", "kinesis:PutRecords");

  private StageAccess() {}

  /** The statements of the function of {@code kind} running {@code stage}. */
  static List<PolicyStatement> statements(Plan plan, StageSpec stage, FunctionKind kind, String queueLogicalId,
      KafkaCluster kafka) {
    List<PolicyStatement> statements = new ArrayList<>();
    if (!KafkaAccess.readsTopic(plan, stage)) {
      ArnRef input = stream(stage.input().stream());
      statements.add(kind == FunctionKind.STAGE
          ? new PolicyStatement("ReadInputStream", READ_STREAM, List.of(input))
          : new PolicyStatement("ListInputShards", List.of("kinesis:ListShards"), List.of(input)));
    }
    List<String> topics = KafkaAccess.writtenTopics(plan, stage);
    List<ArnRef> outputs = stage.outputs().stream()
        .filter(o -> o.kind() == OutputKind.REPARTITION || o.kind() == OutputKind.STREAM
            || o.kind() == OutputKind.BROADCAST) // a broadcast output lists the stream's shards and puts copies
        .map(OutputSpec::target).distinct().filter(t -> !topics.contains(t)).map(StageAccess::stream).toList();
    if (!outputs.isEmpty()) {
      statements.add(new PolicyStatement("WriteOutputStreams", WRITE_STREAM, outputs));
    }
    List<ArnRef> upstream = upstreamInputs(plan, stage).stream()
        .filter(s -> !s.equals(stage.input().stream()))
        .filter(s -> !plan.stream(s).map(dev.runnel.plan.StreamSpec::kafka).orElse(false))
        .map(StageAccess::stream).toList();
    if (!upstream.isEmpty()) {
      statements.add(new PolicyStatement("ListUpstreamShards", List.of("kinesis:ListShards"), upstream));
    }
    for (TableRole role : TableRole.values()) {
      List<ArnRef> tables = tablesUsed(plan, stage, role).stream()
          .map(t -> ArnRef.of(LogicalIds.table(t.name()))).toList();
      if (!tables.isEmpty()) {
        statements.add(new PolicyStatement(sid(role), actions(role), tables));
      }
      if (role == TableRole.DEAD_LETTER && !tables.isEmpty()) {
        KmsKeyParameter key = KmsKeyParameter.deadLetters(plan.job());
        statements.add(new PolicyStatement("UseDeadLetterKey", KmsKeyParameter.ACTIONS,
            List.of(ArnRef.parameter(key.logicalId())), key.condition()));
      }
    }
    if (kind == FunctionKind.STAGE) {
      statements.add(new PolicyStatement("SendFailedBatches", List.of("sqs:SendMessage"),
          List.of(ArnRef.of(queueLogicalId))));
    }
    statements.addAll(ModelAccess.statements(StageModels.of(plan, stage)));
    if (kafka != null) {
      statements.addAll(KafkaAccess.statements(plan, stage, kind, kafka));
    }
    return statements;
  }

  /** The tables of {@code role} the stage reads or writes (as {@code StageHandler} and {@code ModelStage} wire them). */
  static List<TableSpec> tablesUsed(Plan plan, StageSpec stage, TableRole role) {
    List<TableSpec> tables = plan.tables(role);
    boolean exactlyOnce = !plan.tables(TableRole.CHECKPOINT).isEmpty();
    boolean inference = stage.operators().stream().anyMatch(o -> o.kind() == OperatorKind.INFERENCE);
    return switch (role) {
      case SINK -> {
        Set<String> written = new LinkedHashSet<>();
        stage.outputs().stream().filter(o -> o.kind() == OutputKind.TABLE).forEach(o -> written.add(o.target()));
        yield tables.stream().filter(t -> written.contains(t.name())).toList();
      }
      case DEAD_LETTER -> tables;
      // a keyed stage keeps its state (and dedup memory) per key, or per shard in the state log: not both
      case STATE -> exactlyOnce && stage.keyed() && stage.layout() == StateLayout.KEYS ? tables : List.of();
      case CHECKPOINT -> tables;
      case STATE_LOG -> exactlyOnce && stage.keyed() && stage.layout() == StateLayout.LOG ? tables : List.of();
      case PROGRESS -> exactlyOnce && stage.time() != null ? tables : List.of();
      // a stage in the state log layout queues its windows and timers in its state log, not in the timer index
      case TIMERS -> exactlyOnce && stage.time() != null && fires(stage) && stage.layout() == StateLayout.KEYS
          ? tables : List.of();
      case INFERENCE_RESULTS -> inference ? tables : List.of();
      case RATE_LIMITS -> StageModels.of(plan, stage).stream()
          .anyMatch(m -> m.limits().requestsPerMinute() > 0 || m.limits().tokensPerMinute() > 0)
          ? tables : List.of();
    };
  }

  /** The DynamoDB actions the runtime calls on a table of {@code role} (transactions need each item action). */
  static List<String> actions(TableRole role) {
    List<String> actions = switch (role) {
      // ItemBatchWriter (BatchWriteItem), PositionedItemWriter (PutItem, conditional)
      case SINK, DEAD_LETTER -> List.of("BatchWriteItem", "PutItem");
      // StateLoader (BatchGetItem), StateWriter (GetItem, PutItem, DeleteItem, TransactWriteItems of Puts)
      case STATE -> List.of("BatchGetItem", "DeleteItem", "GetItem", "PutItem");
      // DynamoDbCheckpointStore
      case CHECKPOINT -> List.of("GetItem", "PutItem", "UpdateItem");
      // DynamoDbStateLogStore (BatchWriteItem of Puts and Deletes, Query)
      case STATE_LOG -> List.of("BatchWriteItem", "Query");
      // DynamoDbProgressStore
      case PROGRESS -> List.of("GetItem", "Query", "UpdateItem");
      // DynamoDbTimerIndex
      case TIMERS -> List.of("BatchWriteItem", "Query");
      // ResultReader (BatchGetItem), ResultWriter and DynamoDbAnswerClaims (TransactWriteItems of Puts and Deletes)
      case INFERENCE_RESULTS -> List.of("BatchGetItem", "DeleteItem", "PutItem");
      // BucketTable
      case RATE_LIMITS -> List.of("GetItem", "PutItem");
    };
    return actions.stream().map(a -> "dynamodb:" + a).toList();
  }

  private static String sid(TableRole role) {
    return switch (role) {
      case SINK -> "WriteSinkTables";
      case DEAD_LETTER -> "WriteDeadLetters";
      case STATE -> "ReadWriteState";
      case CHECKPOINT -> "ReadWriteCheckpoints";
      case STATE_LOG -> "ReadWriteStateLog";
      case PROGRESS -> "ReadWriteProgress";
      case TIMERS -> "ReadWriteTimers";
      case INFERENCE_RESULTS -> "ReadWriteInferenceResults";
      case RATE_LIMITS -> "ReadWriteRateLimits";
    };
  }

  /** A stage with windows or timers, whose fired entries live in the timers index. */
  private static boolean fires(StageSpec stage) {
    return stage.state().stream().anyMatch(s -> s.kind() == StateKind.WINDOW || s.kind() == StateKind.TIMERS);
  }

  /** The input streams of the stages whose watermarks this stage follows: it lists their shards. */
  private static List<String> upstreamInputs(Plan plan, StageSpec stage) {
    if (stage.time() == null) {
      return List.of();
    }
    return stage.time().upstreamStages().stream().map(id -> plan.stage(id).orElseThrow(
        () -> new IllegalArgumentException("stage " + stage.id() + " follows unknown stage " + id)))
        .map(s -> s.input().stream()).distinct().toList();
  }

  private static ArnRef stream(String name) {
    return ArnRef.of(LogicalIds.stream(name));
  }
}
