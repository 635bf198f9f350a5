package dev.runnel.inference.calling;

import dev.runnel.inference.AnswerCheck;
import dev.runnel.inference.InferenceCounters;
import dev.runnel.inference.ModelCaller;
import dev.runnel.inference.ModelUnavailableException;
import dev.runnel.inference.Prompt;
import dev.runnel.plan.ModelSpec;
import dev.runnel.inference.ModelResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * A {@link ModelCaller} over one model client: distinct prompts only, grouped into requests by the task, at most
 * {@code maxConcurrency} requests under way, each made resilient by {@link ResilientCalls}.
 */
final class ResilientModelCaller implements ModelCaller {
  private final String modelName;
  private final int maxConcurrency;
  private final ModelClient client;
  private final PromptAsking asking;
  private final InferenceCounters counters;
  private final ExecutorService executor;
  private final Set<CallRound> rounds = ConcurrentHashMap.newKeySet();
  private final ResilientCalls calls;

  /** A caller of {@code model} that asks through {@code asking}; it owns {@code client} and {@code executor}. */
  ResilientModelCaller(ModelSpec model, ModelClient client, PromptAsking asking, ModelEnvironment environment,
      ExecutorService executor) {
    this.modelName = model.name();
    this.maxConcurrency = model.limits().maxConcurrency();
    this.client = client;
    this.asking = asking;
    this.counters = environment.counters();
    this.executor = executor;
    this.calls = new ResilientCalls(model, environment.rateLimits().apply(model.name()), counters, executor,
        Backoff.DEFAULT, () -> rounds.forEach(CallRound::cancelWaitingRetries));
  }

  @Override
  public void callAll(List<Prompt> prompts, AnswerCheck check, Consumer<PromptResult> onResult) {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(onResult, "onResult");
    List<Prompt> asked = new ArrayList<>();
    for (Prompt prompt : distinct(prompts)) {
      if (asking.cannotAsk(prompt)) {
        // a record with nothing to ask fails alone, rather than failing the request it would share with others
        onResult.accept(new PromptResult(prompt.key(), ModelResult.failed("model '" + modelName + "': "
            + asking.whyNot(prompt), 0, 0)));
      } else {
        asked.add(prompt);
      }
    }
    List<List<Prompt>> groups = asking.groups(asked);
    Map<String, Prompt> shared = new ConcurrentHashMap<>();
    groups.stream().filter(group -> group.size() > 1).flatMap(List::stream)
        .forEach(prompt -> shared.put(prompt.key(), prompt));
    List<Prompt> alone = new CopyOnWriteArrayList<>();
    // a request of several prompts that fails for good is asked again one prompt at a time, so that one bad input
    // (too long, say) fails only its own record
    Consumer<PromptResult> report = result -> {
      Prompt prompt = shared.get(result.key());
      if (prompt != null && !result.result().succeeded()) {
        alone.add(prompt);
      } else {
        onResult.accept(result);
      }
    };
    ask(groups, check, report);
    if (!alone.isEmpty()) {
      ask(alone.stream().map(List::of).toList(), check, onResult);
    }
  }

  /** Asks each group in one request, at most {@code maxConcurrency} at once, reporting every prompt's result. */
  private void ask(List<List<Prompt>> groups, AnswerCheck check, Consumer<PromptResult> onResult) {
    CallRound round = new CallRound(onResult, counters, maxConcurrency);
    rounds.add(round);
    try {
      for (List<Prompt> group : groups) {
        Admission admission = calls.admission();
        if (admission == Admission.CLOSED_TO_ALL) {
          round.stopWith(new ModelUnavailableException(modelName, calls.lastEndpointFailure(), null));
        }
        if (round.stopped()) {
          break;
        }
        if (admission == Admission.PROBE_ONE) {
          round.awaitAll();
        }
        round.submit(() -> calls.start(group, asking, check));
        if (admission == Admission.PROBE_ONE) {
          round.awaitAll();
        }
      }
      round.awaitAll();
    } finally {
      rounds.remove(round);
    }
    round.throwIfStopped();
  }

  /** The prompts with distinct keys, the first of each key, in order. */
  private static List<Prompt> distinct(List<Prompt> prompts) {
    Map<String, Prompt> byKey = new LinkedHashMap<>();
    for (Prompt prompt : prompts) {
      byKey.putIfAbsent(prompt.key(), prompt);
    }
    return List.copyOf(byKey.values());
  }

  @Override
  public void close() {
    executor.shutdownNow();
    client.close();
  }
}
