package dev.runnel.inference.inprocess;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/** The quantized all-MiniLM-L6-v2 model (384 dimensions), loaded once per JVM, on first use. */
final class MiniLmModel {
  /** Its model id in a job. */
  static final String ID = "all-minilm-l6-v2-q";
  /** The length of its vectors. */
  static final int DIMENSIONS = 384;

  private MiniLmModel() {}

  /** The model; the first call loads it (about a second), later ones return it at once. */
  static EmbeddingModel get() {
    return Holder.MODEL;
  }

  /** Initialised by the JVM on first access, once and thread-safely. */
  private static final class Holder {
    private static final EmbeddingModel MODEL = new AllMiniLmL6V2QuantizedEmbeddingModel();
  }
}
