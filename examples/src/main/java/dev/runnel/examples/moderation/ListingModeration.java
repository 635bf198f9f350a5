package dev.runnel.examples.moderation;

import dev.runnel.api.Filter;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.model.Complete;
import dev.runnel.api.model.Model;
import dev.runnel.api.model.Provider;

/**
 * Product-listing moderation: a chat model reads each new listing's title and judges it against the marketplace's
 * policy by what the title means (a keyword list misses "heals arthritis overnight" and flags "fake fur collar");
 * compliant listings are published, the others go to a review queue with the model's reason.
 *
 * <pre>
 * listings-in ─▶ review [model: policy] ─┬▶ approved ─▶ moderation-approved (table), console
 *                                        └▶ rejected ─▶ moderation-rejected (table), console
 * </pre>
 *
 * Run it with {@code ./runnel run dev.runnel.examples.moderation.ListingModeration --local-model-server}, or point
 * the model elsewhere with {@code --model-endpoint policy=URL}.
 */
@StreamingJob("moderation")
@Model(name = "policy", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini", apiKey = "env:OPENAI_API_KEY",
    systemPrompt = "You review new product listings for an online marketplace. A listing is not compliant when its"
        + " title claims to cure, heal or treat a disease, offers counterfeit, replica or knock-off branded goods,"
        + " offers weapons or ammunition, or offers prohibited substances such as CBD or vaping products. Judge what"
        + " the title means, not which words it uses: faux leather and fake fur are fine, a \"1:1 copy\" of a brand"
        + " is not. Give the reason in a few words.",
    maxConcurrency = 4, requestsPerMinute = 300, maxOutputTokens = 80, timeout = "PT20S")
public class ListingModeration {

  /** A listing as sellers submit it; {@code price} in the marketplace's currency. */
  @Source(stream = "listings-in", shards = 2)
  public record Listing(String listingId, String seller, String title, double price) {}

  /** The model's judgement of a title. */
  public record Verdict(boolean compliant, String reason) {}

  /** A listing with the model's judgement. */
  public record Reviewed(String listingId, String seller, String title, double price, boolean compliant,
      String reason) {}

  /** Asks the model whether the title complies with the policy (once per listing; the answer is stored). */
  @Complete(model = "policy", from = "listings-in", prompt = "Listing title: {title}")
  public Reviewed review(Listing listing, Verdict verdict) {
    return new Reviewed(listing.listingId(), listing.seller(), listing.title(), listing.price(), verdict.compliant(),
        verdict.reason());
  }

  /** Compliant listings: published. */
  @Filter(from = "review")
  @Sink(table = "moderation-approved", key = "listingId")
  @Sink(name = "approved-console", console = true)
  public boolean approved(Reviewed listing) {
    return listing.compliant();
  }

  /** The others: held for a person to review, with the model's reason. */
  @Filter(from = "review")
  @Sink(table = "moderation-rejected", key = "listingId")
  @Sink(name = "rejected-console", console = true)
  public boolean rejected(Reviewed listing) {
    return !listing.compliant();
  }
}
