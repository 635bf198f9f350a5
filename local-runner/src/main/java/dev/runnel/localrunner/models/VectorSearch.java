package dev.runnel.localrunner.models;

import dev.runnel.inference.calling.EmbeddingsReply;
import dev.runnel.inference.inprocess.InProcessEmbedder;
import dev.runnel.inference.vectors.DynamoDbVectors;
import dev.runnel.inference.vectors.Neighbour;
import dev.runnel.inference.vectors.VectorIndex;
import dev.runnel.plan.InferenceTask;
import dev.runnel.plan.ModelProvider;
import dev.runnel.plan.ModelSpec;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Nearest-neighbour questions to a job's vector table after a local run: the table sink an {@code @Embed} operator
 * writes (its record holds the vector as a {@code float[]} or {@code double[]}, which the sink stores as a list of
 * numbers) is loaded through {@link DynamoDbVectors} into a {@link VectorIndex}, and the question is embedded by the
 * operator's own in-process model, so question and documents share one vector space.
 */
public final class VectorSearch {
  private VectorSearch() {}

  /**
   * A table of embeddings.
   *
   * @param sink        the sink's name
   * @param table       the DynamoDB table
   * @param idField     its partition key field, the id of each vector
   * @param vectorField the record field holding the vector
   * @param model       the model that made the vectors
   */
  public record VectorTable(String sink, String table, String idField, String vectorField, ModelSpec model) {}

  /** The table sinks of {@code plan} that an {@code @Embed} operator writes its vectors to, in plan order. */
  public static List<VectorTable> tables(Plan plan, ClassLoader loader) {
    List<VectorTable> found = new ArrayList<>();
    for (StageSpec stage : plan.stages()) {
      for (OperatorSpec operator : stage.operators()) {
        if (operator.inference() == null || operator.inference().task() != InferenceTask.EMBED) {
          continue;
        }
        ModelSpec model = plan.models().stream().filter(m -> m.name().equals(operator.inference().model()))
            .findFirst().orElseThrow();
        for (OutputSpec output : stage.outputs()) {
          if (output.kind() == OutputKind.TABLE && output.from().equals(operator.name())) {
            vectorField(output.type(), loader).ifPresent(field -> found.add(
                new VectorTable(output.name(), output.target(), output.keyField(), field, model)));
          }
        }
      }
    }
    return found;
  }

  /** The one vector table of {@code plan}, or a message saying why there is not exactly one. */
  public static VectorTable onlyTable(Plan plan, ClassLoader loader) {
    List<VectorTable> tables = tables(plan, loader);
    if (tables.size() != 1) {
      throw new IllegalArgumentException("job " + plan.job() + " has " + tables.size() + " vector tables (table"
          + " sinks of an @Embed operator whose record holds a float[] or double[] vector); nearest needs exactly"
          + " one" + (tables.isEmpty() ? "" : ": " + tables.stream().map(VectorTable::sink).toList()));
    }
    return tables.get(0);
  }

  /** Loads {@code table} from DynamoDB into an index. */
  public static VectorIndex load(DynamoDbClient dynamoDb, VectorTable table) {
    return DynamoDbVectors.load(dynamoDb, table.table(), table.idField(), table.vectorField());
  }

  /**
   * The {@code k} vectors of {@code index} nearest to {@code question}, embedded by the table's model.
   *
   * @throws IllegalArgumentException when the table's model is not an in-process one
   */
  public static List<Neighbour> nearest(VectorIndex index, VectorTable table, String question, int k) {
    return index.nearest(embed(table.model(), question), k);
  }

  /** {@code text} embedded by {@code model}, which must run in process. */
  public static float[] embed(ModelSpec model, String text) {
    if (model.provider() != ModelProvider.IN_PROCESS) {
      throw new IllegalArgumentException("model " + model.name() + " is " + model.provider().name().toLowerCase()
          + "; asking questions locally needs an in-process embedding model");
    }
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "runnel-question-embedder");
      thread.setDaemon(true);
      return thread;
    });
    try (InProcessEmbedder embedder = InProcessEmbedder.create(model, InferenceTask.EMBED, executor)) {
      EmbeddingsReply reply = embedder.embed(List.of(text)).join();
      return reply.vectors().get(0);
    } catch (CompletionException e) {
      throw new IllegalStateException("could not embed the question with " + model.name() + ": " + e.getCause(),
          e.getCause());
    } finally {
      executor.shutdownNow();
    }
  }

  private static Optional<String> vectorField(String type, ClassLoader loader) {
    Class<?> recordType;
    try {
      recordType = Class.forName(type, false, loader);
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
    if (!recordType.isRecord()) {
      return Optional.empty();
    }
    for (RecordComponent component : recordType.getRecordComponents()) {
      if (component.getType() == float[].class || component.getType() == double[].class) {
        return Optional.of(component.getName());
      }
    }
    return Optional.empty();
  }
}
