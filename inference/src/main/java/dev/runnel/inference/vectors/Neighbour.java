package dev.runnel.inference.vectors;

import java.util.Map;
import java.util.Objects;

/**
 * One answer of a nearest-neighbour query.
 *
 * @param id     the vector's id
 * @param score  cosine similarity to the query, from -1 to 1 (higher is nearer)
 * @param fields what was stored with the vector
 */
public record Neighbour(String id, double score, Map<String, String> fields) {
  public Neighbour {
    Objects.requireNonNull(id, "id");
    fields = Map.copyOf(fields);
  }
}
