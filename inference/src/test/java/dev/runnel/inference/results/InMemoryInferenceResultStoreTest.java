package dev.runnel.inference.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.inference.ModelResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryInferenceResultStoreTest {
  private final InMemoryInferenceResultStore store = new InMemoryInferenceResultStore();

  @Test
  void theFirstWriteWinsAndAbsentKeysAreLeftOut() {
    ResultKey a = new ResultKey("s|1", "op|m|v|h");
    ResultKey b = new ResultKey("s|2", "op|m|v|h");
    ModelResult first = ModelResult.text("first", 1, 1, 1, 1);
    store.putIfAbsent(Map.of(a, first));

    Map<ResultKey, ModelResult> given = new LinkedHashMap<>();
    given.put(a, ModelResult.text("second", 1, 1, 1, 1));
    given.put(b, ModelResult.failed("boom", 3, 10));
    Map<ResultKey, ModelResult> stored = store.putIfAbsent(given);

    assertThat(stored).containsEntry(a, first).containsEntry(b, given.get(b));
    assertThat(store.getAll(List.of(a, b, new ResultKey("s|3", "x")))).containsOnlyKeys(a, b);
    assertThat(store.size()).isEqualTo(2);
  }
}
