package dev.runnel.testdriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.testdriver.jobs.Moderation;
import dev.runnel.testdriver.jobs.Moderation.Listing;
import dev.runnel.testdriver.jobs.Moderation.Reviewed;
import dev.runnel.testdriver.jobs.Moderation.Verdict;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A model stage in the driver with a stubbed model: each listing is judged by the stub's answer to its rendered
 * prompt, once (the answer is stored), and routed as the reference routing says; a prompt the stub cannot answer and
 * an answer that does not fit the output type send the listing to the dead letters.
 */
class ModelStubTest {
  private static final List<Listing> LISTINGS = List.of(new Listing("l1", "Faux leather boots"),
      new Listing("l2", "Replica designer watch"), new Listing("l3", "Herbal tea that cures arthritis"),
      new Listing("l4", "Wool scarf"), new Listing("l5", "Fake fur collar"));

  @Test
  void eachListingIsRoutedByTheStubsVerdict() {
    AtomicInteger calls = new AtomicInteger();
    JobTestDriver driver = JobTestDriver.builder(Moderation.class)
        .model("policy", ModelStub.answering(prompt -> {
          calls.incrementAndGet();
          boolean bad = prompt.contains("Replica") || prompt.contains("cures");
          return new Verdict(!bad, bad ? "not allowed" : "fine");
        })).build();
    driver.pipe("listings-in", LISTINGS);

    assertThat(driver.output("approved", Reviewed.class)).containsExactlyInAnyOrder(
        reviewed(0, true, "fine"), reviewed(3, true, "fine"), reviewed(4, true, "fine"));
    assertThat(driver.output("rejected", Reviewed.class)).containsExactlyInAnyOrder(
        reviewed(1, false, "not allowed"), reviewed(2, false, "not allowed"));
    assertThat(calls).hasValue(LISTINGS.size());
    assertThat(driver.deadLetters()).isEmpty();
  }

  @Test
  void aPromptWithoutAnAnswerOrAnAnswerOfTheWrongShapeIsDeadLettered() {
    JobTestDriver driver = JobTestDriver.builder(Moderation.class)
        .model("policy", ModelStub.answers(Map.of(
            "Listing title: Wool scarf", "{\"compliant\": true, \"reason\": \"fine\"}",
            "Listing title: Fake fur collar", "{\"verdict\": \"yes\"}")))
        .build();
    driver.pipe("listings-in", LISTINGS.subList(3, 5));
    driver.pipe("listings-in", LISTINGS.get(0));

    assertThat(driver.output("approved", Reviewed.class)).containsExactly(reviewed(3, true, "fine"));
    assertThat(driver.deadLetters()).extracting(DeadLetter::errorType).containsOnly("model");
    assertThat(driver.deadLetters()).extracting(DeadLetter::payload).containsExactlyInAnyOrder(
        "{\"listingId\":\"l5\",\"title\":\"Fake fur collar\"}",
        "{\"listingId\":\"l1\",\"title\":\"Faux leather boots\"}");
  }

  @Test
  void aJobWhoseModelHasNoStubFailsWhenTheDriverIsBuilt() {
    assertThatThrownBy(() -> JobTestDriver.of(Moderation.class))
        .hasStackTraceContaining("model 'policy', which the test gave no stub for");
    assertThatThrownBy(() -> JobTestDriver.builder(Moderation.class).model("chat", ModelStub.answering(p -> "{}"))
        .build()).hasMessageContaining("declares no model 'chat'");
  }

  private static Reviewed reviewed(int index, boolean compliant, String reason) {
    Listing listing = LISTINGS.get(index);
    return new Reviewed(listing.listingId(), listing.title(), compliant, reason);
  }
}
