package dev.runnel.testdriver.jobs;

import dev.runnel.api.Filter;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.model.Complete;
import dev.runnel.api.model.Model;
import dev.runnel.api.model.Provider;

/** A chat model judges each listing's title; compliant listings to one sink, the others to another. */
@StreamingJob("moderate")
@Model(name = "policy", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini", apiKey = "env:OPENAI_API_KEY",
    systemPrompt = "Judge the listing.", maxConcurrency = 4, requestsPerMinute = 300, maxOutputTokens = 80)
public class Moderation {
  /** A listing. */
  @Source(stream = "listings-in", shards = 2)
  public record Listing(String listingId, String title) {}

  /** The model's judgement. */
  public record Verdict(boolean compliant, String reason) {}

  /** A listing with its judgement. */
  public record Reviewed(String listingId, String title, boolean compliant, String reason) {}

  /** Asks the model about the title. */
  @Complete(model = "policy", from = "listings-in", prompt = "Listing title: {title}")
  public Reviewed review(Listing listing, Verdict verdict) {
    return new Reviewed(listing.listingId(), listing.title(), verdict.compliant(), verdict.reason());
  }

  /** Compliant listings. */
  @Filter(from = "review")
  @Sink(table = "approved", key = "listingId")
  public boolean approved(Reviewed listing) {
    return listing.compliant();
  }

  /** The others. */
  @Filter(from = "review")
  @Sink(name = "rejected", console = true)
  public boolean rejected(Reviewed listing) {
    return !listing.compliant();
  }
}
