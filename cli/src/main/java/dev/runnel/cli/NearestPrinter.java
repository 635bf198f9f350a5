package dev.runnel.cli;

import dev.runnel.inference.vectors.Neighbour;
import dev.runnel.inference.vectors.VectorIndex;
import dev.runnel.localrunner.models.VectorSearch;
import dev.runnel.localrunner.run.LocalEmulators;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Loads a run's vector table into an index and prints the vectors nearest to a question. */
final class NearestPrinter {
  private NearestPrinter() {}

  /** Prints the {@code k} vectors of {@code table} nearest to {@code question}, with their scores and fields. */
  static void print(LocalEmulators emulators, VectorSearch.VectorTable table, String question, int k,
      PrintStream out) {
    VectorIndex index = VectorSearch.load(emulators.dynamoDb(), table);
    List<Neighbour> nearest = VectorSearch.nearest(index, table, question, k);
    out.println();
    out.printf(Locale.ROOT, "nearest to \"%s\" in %s (%d vectors of %d dimensions, model %s, cosine similarity):%n",
        question, table.table(), index.size(), index.dimension(), table.model().name());
    if (nearest.isEmpty()) {
      out.println("  (the table holds no vectors)");
    }
    int width = nearest.stream().mapToInt(n -> n.id().length()).max().orElse(0);
    for (Neighbour neighbour : nearest) {
      String fields = neighbour.fields().entrySet().stream().filter(e -> !e.getKey().startsWith("runnel_"))
          .sorted(java.util.Map.Entry.comparingByKey())
          .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(" · "));
      out.printf(Locale.ROOT, "  %.3f  %-" + width + "s  %s%n", neighbour.score(), neighbour.id(), fields);
    }
  }
}
