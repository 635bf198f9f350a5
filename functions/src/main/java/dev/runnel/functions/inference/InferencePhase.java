package dev.runnel.functions.inference;

import dev.runnel.functions.exactlyonce.CommitObserver;
import dev.runnel.functions.exactlyonce.CommitStep;
import dev.runnel.functions.operators.OperatorChain;
import dev.runnel.functions.processing.DecodedRecord;
import dev.runnel.inference.InferenceCounters;
import dev.runnel.inference.ModelCaller;
import dev.runnel.inference.ModelResult;
import dev.runnel.inference.Prompt;
import dev.runnel.inference.results.AnswerClaims;
import dev.runnel.inference.results.InferenceResultStore;
import dev.runnel.inference.results.ResultKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.LinkedHashSet;
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
  private final AnswerClaims claims;
  private final long leaseMillis;
  /** The invocation's deadline (epoch ms), or 0 when it is not known. */
  private long deadline;
  /** How long an attempt waits before it looks again for answers another attempt is asking. */
  private static final long WAIT_MILLIS = 50;
  /** How long after its invocation's deadline a claim holds: Lambda has stopped the invocation by then. */
  private static final long AFTER_DEADLINE_MILLIS = 5_000;

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
    this(stage, chain, operators, store, counters, answers, observer, AnswerClaims.NONE, 0);
  }

  /**
   * As above, asking only the prompts it claims in {@code claims} (other attempts may run at once). A claim holds
   * until the invocation's deadline (plus a margin), and at most {@code leaseMillis}: longer than every attempt at
   * one prompt takes.
   */
  InferencePhase(String stage, OperatorChain chain, List<Binding> operators, InferenceResultStore store,
      InferenceCounters counters, BatchAnswers answers, CommitObserver observer, AnswerClaims claims,
      long leaseMillis) {
    this.claims = claims;
    this.leaseMillis = leaseMillis;
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
      Set<ResultKey> pending = new LinkedHashSet<>(prompts.keySet());
      pending.removeAll(stored.keySet());
      while (!pending.isEmpty()) {
        // Ask only what this attempt claimed; another attempt at these records (a zombie, say) asks the rest.
        Set<ResultKey> mine = claims.claim(pending, claimUntil());
        if (!mine.isEmpty()) {
          Map<ResultKey, ModelResult> meanwhile = store.getAll(mine);
          answers.putAll(meanwhile);
          counters.reused(meanwhile.size());
          List<Prompt> missing = new ArrayList<>();
          for (ResultKey key : mine) {
            if (!meanwhile.containsKey(key)) {
              missing.add(new Prompt(key.asString(), prompts.get(key)));
            }
          }
          if (!missing.isEmpty()) {
            called = true;
            ask(binding, missing);
          }
          pending.removeAll(mine);
        }
        if (pending.isEmpty()) {
          break;
        }
        pause(WAIT_MILLIS);
        Map<ResultKey, ModelResult> answered = store.getAll(pending);
        answers.putAll(answered);
        counters.reused(answered.size());
        pending.removeAll(answered.keySet());
      }
    }
    if (called) {
      observer.reached(CommitStep.MODEL_ANSWERS_STORED, stage, asking.get(0).input().shardId());
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for model answers", e);
    }
  }

  /** Sets the deadline of the invocation about to run a batch (epoch ms; 0 when unknown). */
  public void deadline(long epochMillis) {
    deadline = epochMillis;
  }

  /** When this attempt's claims end: its invocation's deadline plus a margin, and at most the lease. */
  private long claimUntil() {
    long now = System.currentTimeMillis();
    long lease = now + leaseMillis;
    return deadline > 0 ? Math.min(lease, deadline + AFTER_DEADLINE_MILLIS) : lease;
  }

  /** Asks the model for {@code missing} and stores each answer; a claim left without an answer is released. */
  private void ask(Binding binding, List<Prompt> missing) {
    StoredAnswerWriter writer = new StoredAnswerWriter(store, answers);
    boolean stored = false;
    try {
      binding.caller().callAll(missing, binding.operator().decoder(), writer::accept);
      writer.flush();
      stored = true;
    } finally {
      if (!stored) {
        try {
          writer.flush();
        } finally {
          claims.release(missing.stream().map(p -> ResultKey.parse(p.key())).filter(k -> !answers.has(k)).toList());
        }
      }
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
        } catch (OutOfMemoryError | LinkageError | InternalError e) {
          throw e;
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
