package dev.runnel.inference.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorIndexTest {
  private static final int DIMENSION = 48;

  @Test
  void findsTheSameNeighboursAsABruteForceReference() {
    Random random = new Random(42);
    Map<String, float[]> vectors = new LinkedHashMap<>();
    VectorIndex index = new VectorIndex();
    for (int i = 0; i < 600; i++) {
      float[] vector = randomVector(random);
      vectors.put("v" + i, vector);
      index.add("v" + i, vector, Map.of("n", Integer.toString(i)));
    }

    for (int q = 0; q < 25; q++) {
      float[] query = randomVector(random);
      List<Neighbour> found = index.nearest(query, 10);
      List<Map.Entry<String, Double>> expected = reference(vectors, query, 10);

      assertThat(found).extracting(Neighbour::id).containsExactlyElementsOf(expected.stream().map(Map.Entry::getKey).toList());
      for (int i = 0; i < found.size(); i++) {
        assertThat(found.get(i).score()).isCloseTo(expected.get(i).getValue(), within(1e-5));
        assertThat(found.get(i).fields()).containsEntry("n", found.get(i).id().substring(1));
      }
    }
  }

  @Test
  void scoresAreCosineSimilaritiesWhateverTheLength() {
    VectorIndex index = new VectorIndex();
    index.add("same", new float[] {10, 0}, Map.of());
    index.add("orthogonal", new float[] {0, 0.1f}, Map.of());
    index.add("opposite", new float[] {-3, 0}, Map.of());

    List<Neighbour> found = index.nearest(new float[] {0.5f, 0}, 5);

    assertThat(found).extracting(Neighbour::id).containsExactly("same", "orthogonal", "opposite");
    assertThat(found).extracting(Neighbour::score).containsExactly(1.0, 0.0, -1.0);
  }

  @Test
  void addingAnIdAgainReplacesIt() {
    VectorIndex index = new VectorIndex();
    index.add("a", new float[] {1, 0}, Map.of("v", "1"));
    index.add("b", new float[] {0, 1}, Map.of());
    index.add("a", new float[] {0, 1}, Map.of("v", "2"));

    assertThat(index.size()).isEqualTo(2);
    assertThat(index.nearest(new float[] {1, 0}, 1).get(0).score()).isCloseTo(0.0, within(1e-9));
    assertThat(index.nearest(new float[] {0, 1}, 2)).extracting(Neighbour::id).containsExactly("a", "b");
    assertThat(index.nearest(new float[] {0, 1}, 2).get(0).fields()).containsEntry("v", "2");
  }

  @Test
  void rejectsOtherDimensionsAndZeroVectors() {
    VectorIndex index = new VectorIndex();
    assertThat(index.nearest(new float[] {1, 2, 3}, 3)).isEmpty();
    index.add("a", new float[] {1, 0}, Map.of());

    assertThatThrownBy(() -> index.add("b", new float[] {1, 0, 0}, Map.of())).hasMessageContaining("3 dimensions");
    assertThatThrownBy(() -> index.add("c", new float[] {0, 0}, Map.of())).hasMessageContaining("c");
    assertThatThrownBy(() -> index.nearest(new float[] {1}, 1)).hasMessageContaining("query");
    assertThat(index.nearest(new float[] {1, 1}, 0)).isEmpty();
    assertThat(index.nearest(new float[] {1, 1}, 10)).hasSize(1);
    assertThat(index.dimension()).isEqualTo(2);
  }

  @Test
  void savesAndLoadsExactly(@TempDir Path dir) throws Exception {
    Random random = new Random(7);
    VectorIndex index = new VectorIndex();
    for (int i = 0; i < 200; i++) {
      index.add("doc-" + i, randomVector(random), Map.of("title", "Tïtle №" + i, "lang", i % 2 == 0 ? "en" : "de"));
    }
    Path file = dir.resolve("index.bin");

    index.save(file);
    index.save(file); // replaces
    VectorIndex loaded = VectorIndex.load(file);

    assertThat(loaded.size()).isEqualTo(200);
    assertThat(loaded.dimension()).isEqualTo(DIMENSION);
    assertThat(Files.size(file)).isLessThan(200L * (DIMENSION * 4 + 100));
    for (int q = 0; q < 10; q++) {
      float[] query = randomVector(random);
      assertThat(loaded.nearest(query, 7)).isEqualTo(index.nearest(query, 7));
    }
    assertThat(Files.list(dir)).containsExactly(file);
  }

  @Test
  void loadRejectsOtherFiles(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("not-an-index"), "hello, world");

    assertThatThrownBy(() -> VectorIndex.load(file)).isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("not a saved vector index");
  }

  private static float[] randomVector(Random random) {
    float[] vector = new float[DIMENSION];
    for (int i = 0; i < DIMENSION; i++) {
      vector[i] = (float) random.nextGaussian();
    }
    return vector;
  }

  /** The k most cosine-similar ids, computed in double precision on the vectors as given. */
  private static List<Map.Entry<String, Double>> reference(Map<String, float[]> vectors, float[] query, int k) {
    List<Map.Entry<String, Double>> scored = new ArrayList<>();
    vectors.forEach((id, vector) -> {
      double dot = 0;
      double a = 0;
      double b = 0;
      for (int i = 0; i < vector.length; i++) {
        dot += (double) vector[i] * query[i];
        a += (double) vector[i] * vector[i];
        b += (double) query[i] * query[i];
      }
      scored.add(Map.entry(id, dot / Math.sqrt(a * b)));
    });
    scored.sort(Comparator.comparing((Map.Entry<String, Double> e) -> e.getValue()).reversed());
    return scored.subList(0, k);
  }
}
