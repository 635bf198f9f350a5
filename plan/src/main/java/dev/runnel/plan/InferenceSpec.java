package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * What an inference operator asks of its model (like Flink's ML_PREDICT). The operator method is
 * {@code R m(T in, A answer)}: the runtime renders {@code prompt} from {@code in}, obtains the answer once (a stored
 * result is reused on every replay), and calls the method with both.
 *
 * @param model           the name of a model in {@link Plan#models()}
 * @param task            chat with structured output, classification, or embedding
 * @param prompt          the prompt template; {@code {field}} is replaced by that field of the input record
 * @param labels          classify: the labels the answer must be one of; empty otherwise
 * @param answerType      the class of the method's second parameter: the record the chat answer is parsed into,
 *                        {@code dev.runnel.api.model.Label} or {@code dev.runnel.api.model.Embedding}
 * @param outputSchema    chat and classify: the JSON schema the answer must match, sent to the model; null for embed
 * @param keepResultsSeconds how long stored results are kept for replays (the DynamoDB TTL)
 */
public record InferenceSpec(String model, InferenceTask task, String prompt,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> labels, String answerType,
    String outputSchema, long keepResultsSeconds) {
  public InferenceSpec {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(answerType, "answerType");
    labels = labels == null ? List.of() : List.copyOf(labels);
    if ((task == InferenceTask.EMBED) != (outputSchema == null)) {
      throw new IllegalArgumentException("an output schema belongs to chat and classify operators only");
    }
    if ((task == InferenceTask.CLASSIFY) == labels.isEmpty()) {
      throw new IllegalArgumentException("labels belong to, and are required by, classify operators");
    }
    if (keepResultsSeconds <= 0) {
      throw new IllegalArgumentException("stored results must be kept for a positive time");
    }
  }
}
