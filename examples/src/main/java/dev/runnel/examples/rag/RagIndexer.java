package dev.runnel.examples.rag;

import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.model.Embed;
import dev.runnel.api.model.Embedding;
import dev.runnel.api.model.Model;
import dev.runnel.api.model.Provider;

/**
 * A streaming RAG indexer, fully offline: each document is embedded by a model running inside the function
 * (all-MiniLM-L6-v2, quantized, 384 dimensions: no network, no key) and its vector written to a DynamoDB table,
 * which a retriever loads into a nearest-neighbour index ({@code dev.runnel.inference.vectors.DynamoDbVectors}).
 *
 * <pre>
 * documents-in ─▶ embed [model: minilm, in process] ─▶ rag-vectors (table: docId, title, vector)
 *                                                   └▶ indexed ─▶ console
 * </pre>
 *
 * {@code ./runnel nearest dev.runnel.examples.rag.RagIndexer "how do I get my money back" --k 3} runs it and asks.
 */
@StreamingJob("rag")
@Model(name = "minilm", provider = Provider.IN_PROCESS, id = "all-minilm-l6-v2-q", batchSize = 16)
public class RagIndexer {

  /** A document to index. */
  @Source(stream = "documents-in", shards = 2)
  public record Document(String docId, String title, String body) {}

  /** A document's vector, as the table holds it: {@code vector} is a list of numbers. */
  public record DocumentVector(String docId, String title, float[] vector) {}

  /** What the console shows of an indexed document. */
  public record Indexed(String docId, String title, int dimensions) {}

  /** Embeds the title and body in process. */
  @Embed(model = "minilm", from = "documents-in", text = "{title}. {body}")
  @Sink(table = "rag-vectors", key = "docId")
  public DocumentVector embed(Document document, Embedding embedding) {
    return new DocumentVector(document.docId(), document.title(), embedding.vector());
  }

  /** A readable line per indexed document. */
  @MapEach(from = "embed")
  @Sink(name = "indexed", console = true)
  public Indexed indexed(DocumentVector vector) {
    return new Indexed(vector.docId(), vector.title(), vector.vector().length);
  }
}
