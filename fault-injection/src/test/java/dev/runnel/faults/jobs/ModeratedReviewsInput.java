package dev.runnel.faults.jobs;

import dev.runnel.localrunner.input.InputSource;
import dev.runnel.modelserver.Endpoint;
import dev.runnel.modelserver.faults.FaultAction;
import dev.runnel.modelserver.faults.FaultRule;
import dev.runnel.modelserver.faults.Faults;
import dev.runnel.modelserver.faults.Trigger;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The input of {@link ModeratedReviews}: {@link #REVIEWS} reviews of 8 products, every text unique (its prompt is too),
 * {@link #FORBIDDEN} of them containing {@link #FORBIDDEN_WORD}, which the test's model server refuses for good (400).
 */
public final class ModeratedReviewsInput {
  /** Reviews fed. */
  public static final int REVIEWS = 64;
  /** Reviews the model refuses for good. */
  public static final int FORBIDDEN = 4;
  /** The word in the refused reviews. */
  public static final String FORBIDDEN_WORD = "FORBIDDEN";
  /** What the model server answers (400) to a prompt with {@link #FORBIDDEN_WORD}. */
  public static final String REFUSAL = "content policy violation: this review cannot be moderated";

  private static final String[] TEXTS = {"I love it, great quality", "terrible, it arrived broken",
      "it is a phone case", "amazing value, perfect fit", "worst purchase, a scam, buy elsewhere", "ok I guess",
      "the seller was rude and the box was wet", "five stars, would buy again"};

  private ModeratedReviewsInput() {}

  /** The review lines, as JSON. */
  public static List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < REVIEWS; i++) {
      boolean forbidden = i % (REVIEWS / FORBIDDEN) == REVIEWS / FORBIDDEN / 2;
      String text = TEXTS[i % TEXTS.length] + (forbidden ? " " + FORBIDDEN_WORD : "") + " (review number " + i + ")";
      lines.add("{\"id\":\"r" + i + "\",\"product\":\"p" + (i * 7 % 8) + "\",\"text\":\"" + text + "\"}");
    }
    return lines;
  }

  /** The model server's rule refusing the reviews with {@link #FORBIDDEN_WORD}, in every run. */
  public static FaultRule refusal() {
    return FaultRule.of(Trigger.promptContains(FORBIDDEN_WORD), FaultAction.reject(REFUSAL)).on(Endpoint.CHAT);
  }

  /** The model server's faults in a failure-free run: only the refusals. */
  public static Faults refusalsOnly() {
    return Faults.of(refusal());
  }

  /** The input source feeding {@link #lines()} to {@code moderated-in}. */
  public static InputSource source() {
    byte[] bytes = String.join("\n", lines()).getBytes(StandardCharsets.UTF_8);
    return new InputSource("moderated-in", "generated reviews", () -> new ByteArrayInputStream(bytes));
  }
}
