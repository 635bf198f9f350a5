package dev.runnel.examples.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.BundledInput;
import dev.runnel.examples.ModelCalls;
import dev.runnel.examples.SharedEmulators;
import dev.runnel.examples.SinkRecords;
import dev.runnel.examples.moderation.ListingModeration.Listing;
import dev.runnel.examples.moderation.ListingModeration.Reviewed;
import dev.runnel.localrunner.models.LocalModelEndpoints;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.modelserver.LocalModelServer;
import dev.runnel.modelserver.answer.ModerationVerdict;
import dev.runnel.modelserver.answer.PromptFacts;
import dev.runnel.plan.Plan;
import dev.runnel.plan.PromptTemplate;
import dev.runnel.planner.Planner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The moderation job on kinesis-local, DynamoDB Local and the local model server: each listing's expected verdict is
 * the server's own listing-policy rules ({@link PromptFacts#moderation()}) applied to the prompt the job renders;
 * compliant listings must reach the approved sinks only, the others the rejected sinks with the reason.
 */
class ListingModerationLocalRunTest {
  private static Plan plan;
  private static LocalModelServer server;
  private static RunSummary summary;
  private static List<Listing> listings;
  private static PromptTemplate prompt;

  @BeforeAll
  static void run() {
    plan = Planner.plan(ListingModeration.class);
    listings = new BundledInput("moderation", "listings-in").records(Listing.class);
    prompt = PromptTemplate.parse(plan.stages().get(0).operators().stream().filter(o -> o.name().equals("review"))
        .findFirst().orElseThrow().inference().prompt());
    server = LocalModelServer.start(LocalModelServer.Config.defaults());
    summary = SharedEmulators.run(plan, RunOptions.defaults().withPollInterval(Duration.ofMillis(100))
        .withModels(LocalModelEndpoints.access(plan, server, Map.of())));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void compliantListingsAreApprovedAndTheOthersRejectedWithTheModelsReason() {
    List<Reviewed> expected = listings.stream().map(listing -> {
      ModerationVerdict verdict = PromptFacts.of(prompt(listing)).moderation();
      return new Reviewed(listing.listingId(), listing.seller(), listing.title(), listing.price(), !verdict.violates(),
          verdict.reason());
    }).toList();
    List<Reviewed> approved = expected.stream().filter(Reviewed::compliant).toList();
    List<Reviewed> rejected = expected.stream().filter(r -> !r.compliant()).toList();
    assertThat(rejected).hasSizeGreaterThanOrEqualTo(8);
    assertThat(rejected).extracting(r -> r.reason().substring(0, r.reason().indexOf(':')))
        .contains("medical claim", "counterfeit", "weapon", "prohibited substance");
    assertThat(SinkRecords.of(summary, "moderation-approved", Reviewed.class))
        .containsExactlyInAnyOrderElementsOf(approved);
    assertThat(SinkRecords.of(summary, "approved-console", Reviewed.class))
        .containsExactlyInAnyOrderElementsOf(approved);
    assertThat(SinkRecords.of(summary, "moderation-rejected", Reviewed.class))
        .containsExactlyInAnyOrderElementsOf(rejected);
    assertThat(SinkRecords.of(summary, "rejected-console", Reviewed.class))
        .containsExactlyInAnyOrderElementsOf(rejected);
  }

  @Test
  void theModelIsAskedOncePerListingAndNothingIsDeadLettered() {
    ModelCalls.askedOncePerRecord(summary, server,
        listings.stream().map(ListingModerationLocalRunTest::prompt).toList());
  }

  private static String prompt(Listing listing) {
    return prompt.render(field -> SharedEmulators.field(listing, field));
  }
}
