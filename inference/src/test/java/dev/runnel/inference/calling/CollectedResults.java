package dev.runnel.inference.calling;

import dev.runnel.inference.ModelCaller.PromptResult;
import dev.runnel.inference.ModelResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Collects reported results and notes whether two reports ever overlapped. */
public final class CollectedResults implements Consumer<PromptResult> {
  private final List<PromptResult> reported = new ArrayList<>();
  private final AtomicInteger reporting = new AtomicInteger();
  private volatile boolean overlapped;

  @Override
  public void accept(PromptResult result) {
    if (reporting.incrementAndGet() > 1) {
      overlapped = true;
    }
    synchronized (reported) {
      reported.add(result);
    }
    reporting.decrementAndGet();
  }

  /** Every report, in order. */
  public List<PromptResult> all() {
    synchronized (reported) {
      return List.copyOf(reported);
    }
  }

  /** The results by key (the last report of a key wins). */
  public Map<String, ModelResult> byKey() {
    Map<String, ModelResult> results = new LinkedHashMap<>();
    all().forEach(result -> results.put(result.key(), result.result()));
    return results;
  }

  /** True when two reports ran at once. */
  public boolean overlapped() {
    return overlapped;
  }
}
