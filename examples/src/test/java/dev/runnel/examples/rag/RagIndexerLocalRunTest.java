package dev.runnel.examples.rag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.BundledInput;
import dev.runnel.examples.SharedEmulators;
import dev.runnel.examples.SinkRecords;
import dev.runnel.examples.rag.RagIndexer.Document;
import dev.runnel.examples.rag.RagIndexer.DocumentVector;
import dev.runnel.examples.rag.RagIndexer.Indexed;
import dev.runnel.inference.vectors.Neighbour;
import dev.runnel.inference.vectors.VectorIndex;
import dev.runnel.localrunner.models.VectorSearch;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.plan.Plan;
import dev.runnel.plan.PromptTemplate;
import dev.runnel.planner.Planner;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RAG indexer on kinesis-local and DynamoDB Local with the in-process model: each document's stored vector must
 * be the one the same model gives its text when called directly here, and a nearest-neighbour question over the
 * table (loaded through DynamoDbVectors) must rank documents as a brute-force search over those reference vectors.
 */
class RagIndexerLocalRunTest {
  private static Plan plan;
  private static RunSummary summary;
  private static List<Document> documents;
  private static VectorSearch.VectorTable table;
  private static Map<String, float[]> reference;

  @BeforeAll
  static void run() {
    plan = Planner.plan(RagIndexer.class);
    documents = new BundledInput("rag", "documents-in").records(Document.class);
    table = VectorSearch.onlyTable(plan, RagIndexer.class.getClassLoader());
    PromptTemplate text = PromptTemplate.parse(plan.stages().get(0).operators().stream()
        .filter(o -> o.name().equals("embed")).findFirst().orElseThrow().inference().prompt());
    reference = new LinkedHashMap<>();
    for (Document document : documents) {
      reference.put(document.docId(), VectorSearch.embed(table.model(),
          text.render(field -> SharedEmulators.field(document, field))));
    }
    summary = SharedEmulators.run(plan, RunOptions.defaults().withPollInterval(Duration.ofMillis(100)));
  }

  @Test
  void everyDocumentsVectorIsTheOneTheModelGivesItsText() {
    assertThat(table.table()).isEqualTo("rag-vectors");
    assertThat(table.idField()).isEqualTo("docId");
    assertThat(table.vectorField()).isEqualTo("vector");
    List<DocumentVector> stored = SinkRecords.of(summary, "rag-vectors", DocumentVector.class);
    assertThat(stored).extracting(DocumentVector::docId).containsExactlyInAnyOrderElementsOf(reference.keySet());
    for (DocumentVector vector : stored) {
      assertThat(vector.vector()).hasSize(384);
      assertThat(cosine(vector.vector(), reference.get(vector.docId()))).as(vector.docId()).isGreaterThan(0.9999);
    }
    assertThat(SinkRecords.of(summary, "indexed", Indexed.class)).extracting(Indexed::dimensions)
        .hasSize(documents.size()).containsOnly(384);
  }

  @Test
  void aQuestionFindsTheDocumentsABruteForceSearchOverTheReferenceVectorsFinds() {
    VectorIndex index = VectorSearch.load(SharedEmulators.get().dynamoDb(), table);
    assertThat(index.size()).isEqualTo(documents.size());
    Map<String, String> expectedFirst = Map.of("how do I get my money back", "returns",
        "I forgot my password", "password", "my parcel came broken", "damaged-item");
    expectedFirst.forEach((question, first) -> {
      float[] asked = VectorSearch.embed(table.model(), question);
      List<String> expected = reference.entrySet().stream()
          .sorted(Comparator.comparingDouble((Map.Entry<String, float[]> e) -> -cosine(asked, e.getValue()))
              .thenComparing(Map.Entry::getKey))
          .limit(3).map(Map.Entry::getKey).toList();
      List<Neighbour> nearest = VectorSearch.nearest(index, table, question, 3);
      assertThat(nearest).extracting(Neighbour::id).as(question).containsExactlyElementsOf(expected)
          .startsWith(first);
      assertThat(nearest.get(0).fields()).containsKey("title");
    });
  }

  @Test
  void theModelEmbedsEachDocumentOnceAndNothingIsDeadLettered() {
    assertThat(summary.deadLetters()).isEmpty();
    assertThat(summary.discardedBatches()).isEmpty();
    var calls = summary.models(plan.stages().get(0).id()).orElseThrow();
    assertThat(calls.prompts()).isEqualTo(documents.size());
    assertThat(calls.failed()).isZero();
    assertThat(calls.cacheHits()).isZero();
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
