package dev.runnel.inference.vectors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * An in-memory k-nearest-neighbour index by cosine similarity: vectors are kept normalised and a query compares
 * against every one (brute force). Every vector has the
 * dimension of the first one added. Thread-safe; {@link #save(Path)} and {@link #load(Path)} use a compact binary
 * format (see {@code IndexFile}).
 */
public final class VectorIndex {
  private static final Comparator<Neighbour> NEAREST_FIRST =
      Comparator.comparingDouble(Neighbour::score).reversed().thenComparing(Neighbour::id);

  private final Map<String, IndexedVector> vectors = new LinkedHashMap<>();
  private int dimension;

  /** Adds {@code vector} with {@code fields} under {@code id}, replacing what {@code id} had. */
  public synchronized void add(String id, float[] vector, Map<String, String> fields) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(vector, "vector");
    requireDimension(vector.length, "vector " + id);
    vectors.put(id, IndexedVector.of(id, vector, fields));
    dimension = vector.length;
  }

  /** The {@code k} vectors most similar to {@code query}, nearest first (ties by id); fewer when the index is smaller. */
  public synchronized List<Neighbour> nearest(float[] query, int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must not be negative: " + k);
    }
    if (vectors.isEmpty() || k == 0) {
      return List.of();
    }
    requireDimension(query.length, "the query");
    float[] unit = IndexedVector.normalised(query, "query");
    PriorityQueue<Neighbour> best = new PriorityQueue<>(k + 1, NEAREST_FIRST.reversed());
    for (IndexedVector candidate : vectors.values()) {
      best.add(new Neighbour(candidate.id(), candidate.dot(unit), candidate.fields()));
      if (best.size() > k) {
        best.poll(); // drops the farthest
      }
    }
    List<Neighbour> nearest = new ArrayList<>(best);
    nearest.sort(NEAREST_FIRST);
    return nearest;
  }

  /** How many vectors the index holds. */
  public synchronized int size() {
    return vectors.size();
  }

  /** The dimension of every vector, or 0 while the index is empty. */
  public synchronized int dimension() {
    return dimension;
  }

  /** Writes the index to {@code file} (replacing it whole, through a temporary file beside it). */
  public synchronized void save(Path file) throws IOException {
    IndexFile.write(file, dimension, vectors.values());
  }

  /** An index read from a file {@link #save(Path)} wrote. */
  public static VectorIndex load(Path file) throws IOException {
    VectorIndex index = new VectorIndex();
    IndexFile.read(file, index::addNormalised);
    return index;
  }

  private synchronized void addNormalised(IndexedVector vector) {
    requireDimension(vector.unit().length, "vector " + vector.id());
    vectors.put(vector.id(), vector);
    dimension = vector.unit().length;
  }

  private void requireDimension(int length, String what) {
    if (dimension != 0 && length != dimension) {
      throw new IllegalArgumentException(what + " has " + length + " dimensions; this index holds " + dimension);
    }
  }
}
