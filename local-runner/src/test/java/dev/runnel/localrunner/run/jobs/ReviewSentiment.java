package dev.runnel.localrunner.run.jobs;

import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;
import dev.runnel.api.model.Classify;
import dev.runnel.api.model.Embed;
import dev.runnel.api.model.Embedding;
import dev.runnel.api.model.Label;
import dev.runnel.api.model.Model;
import dev.runnel.api.model.Provider;

/** Reviews classified by a served model and embedded in process; positive reviews counted per product, exactly once. */
@StreamingJob("reviews")
@Model(name = "sentiment", provider = Provider.OPENAI_COMPATIBLE, id = "local-chat", apiKey = "env:REVIEWS_API_KEY",
    systemPrompt = "You judge the sentiment of product reviews.", maxConcurrency = 4, maxRetries = 3,
    timeout = "PT5S")
@Model(name = "minilm", provider = Provider.IN_PROCESS, id = "all-minilm-l6-v2-q")
public class ReviewSentiment {
  /** A review. */
  @Source(stream = "reviews-in", shards = 2)
  public record Review(String id, String product, String text) {}

  /** A review and its sentiment. */
  public record Scored(String id, String product, String sentiment) {}

  /** A review and the size of its embedding. */
  public record Embedded(String id, int dimensions) {}

  /** Positive reviews per product. */
  public record Positives(String product, long positive) {}

  /** Asks the model for the review's sentiment. */
  @Classify(model = "sentiment", from = "reviews-in", prompt = "Review of {product}: {text}",
      labels = {"positive", "neutral", "negative"})
  @KeyBy("product")
  @Sink(name = "scored", console = true)
  public Scored score(Review review, Label label) {
    return new Scored(review.id(), review.product(), label.value());
  }

  /** Embeds the review in process. */
  @Embed(model = "minilm", from = "reviews-in", text = "{text}")
  @Sink(name = "embedded", console = true)
  public Embedded embed(Review review, Embedding embedding) {
    return new Embedded(review.id(), embedding.dimensions());
  }

  /** Counts positive reviews per product. */
  @KeyedProcess(from = "score")
  @Sink(name = "positives", console = true)
  public Positives count(Scored scored, @State("positive") ValueState<Long> positive) {
    long now = positive.valueOr(0L) + (scored.sentiment().equals("positive") ? 1 : 0);
    positive.update(now);
    return new Positives(scored.product(), now);
  }
}
