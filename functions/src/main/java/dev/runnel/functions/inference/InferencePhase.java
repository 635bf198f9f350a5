package dev.runnel.functions.inference;

import dev.runnel.functions.exactlyonce.CommitObserver;
import dev.runnel.functions.exactlyonce.CommitStep;
import dev.runnel.functions.operators.OperatorChain;
import dev.runnel.functions.processing.DecodedRecord;
import dev.runnel.inference.InferenceCounters;
import dev.runnel.inference.ModelCaller;
import dev.runnel.inference.ModelResult;
import dev.runnel.inference.Prompt;
import dev.runnel.inference.results.InferenceResultStore;
import dev.runnel.inference.results.ResultKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Obtains the answers of a batch before its records run through the operators (docs/inference.md): for each
 * inference operator in chain order, renders the prompt of every record, reads the answers earlier attempts stored,
 * asks the model for the rest (concurrently, rate-limited, retried) and stores each answer as it arrives. Only then do
 * the operators run, reading answers from {@link BatchAnswers}; so a retry, replay or re-split batch finds its answers
 * stored and calls no model.
 */
public final class InferencePhase {
  private final String stage;
  private final OperatorChain chain;
  private final List<Binding> operators;
  private final InferenceResultStore store;
  private final InferenceCounters counters;
  private final BatchAnswers answers;
  private final CommitObserver observer;

  /**
   * An inference operator with the caller of its model.
   *
   * @param operator the bound operator
   * @param caller   calls its model
   */
  public record Binding(InferenceOperator operator, ModelCaller caller) {}

  /** The phase of {@code stage}, whose {@code chain} holds the {@code operators} (in chain order). */
  public InferencePhase(String stage, OperatorChain chain, List<Binding> operators, InferenceResultStore store,
      InferenceCounters counters, BatchAnswers answers, CommitObserver observer) {
    this.stage = stage;
    this.chain = chain;
    this.operators = List.copyOf(operators);
    this.store = store;
    this.counters = counters;
    this.answers = answers;
    this.observer = observer;
  }

  /**
   * Obtains every answer the records need; records that failed to decode or that {@code skip} says are already applied
   * are left out. A record whose prompt cannot be rendered is left to fail in the operators.
   *
   * @throws dev.runnel.inference.ModelUnavailableException when a model's circuit is open: the batch fails, and what
   *     was answered is stored for its retry
   */
  public void resolve(List<DecodedRecord> records, Predicate<DecodedRecord> skip) {
    answers.clear();
    List<DecodedRecord> asking = records.stream().filter(r -> !r.isFailed() && !skip.test(r)).toList();
    if (asking.isEmpty()) {
      return;
    }
    boolean called = false;
    for (Binding binding : operators) {
      Map<ResultKey, String> prompts = prompts(binding.operator(), asking);
      if (prompts.isEmpty()) {
        continue;
      }
      Map<ResultKey, ModelResult> stored = store.getAll(prompts.keySet());
      answers.putAll(stored);
      counters.reused(stored.size());
      List<Prompt> missing = new ArrayList<>();
      prompts.forEach((key, text) -> {
        if (!stored.containsKey(key)) {
          missing.add(new Prompt(key.asString(), text));
        }
      });
      if (missing.isEmpty()) {
        continue;
      }
      called = true;
      StoredAnswerWriter writer = new StoredAnswerWriter(store, answers);
      try {
        binding.caller().callAll(missing, binding.operator().decoder(), writer::accept);
      } finally {
        writer.flush();
      }
    }
    if (called) {
      observer.reached(CommitStep.MODEL_ANSWERS_STORED, stage, asking.get(0).input().shardId());
    }
  }

  /** The prompts of {@code operator} for the records, by stored-answer key, in record order. */
  private Map<ResultKey, String> prompts(InferenceOperator operator, List<DecodedRecord> records) {
    Map<ResultKey, String> prompts = new LinkedHashMap<>();
    for (DecodedRecord record : records) {
      String identity = InputIdentity.of(record.input());
      answers.current(identity);
      List<Object> inputs;
      try {
        inputs = chain.inputsOf(operator.name(), record.value());
      } catch (Exception failedUpstream) {
        continue; // the record fails in the operators, and goes to the dead letters there
      }
      for (Object input : inputs) {
        try {
          String prompt = operator.prompts().render(input);
          prompts.putIfAbsent(operator.keys().of(identity, prompt), prompt);
        } catch (Throwable unrenderable) {
          // likewise
        }
      }
    }
    return prompts;
  }

  /** Closes the model callers. */
  public void close() {
    operators.forEach(binding -> binding.caller().close());
  }
}
