package dev.runnel.examples.comments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.BundledInput;
import dev.runnel.examples.ModelCalls;
import dev.runnel.examples.SharedEmulators;
import dev.runnel.examples.SinkRecords;
import dev.runnel.examples.comments.LiveComments.Comment;
import dev.runnel.examples.comments.LiveComments.ScoredComment;
import dev.runnel.examples.comments.LiveComments.SentimentMinute;
import dev.runnel.localrunner.models.LocalModelEndpoints;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.modelserver.LocalModelServer;
import dev.runnel.modelserver.answer.PromptFacts;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.PromptTemplate;
import dev.runnel.planner.Planner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live-comments job on kinesis-local, DynamoDB Local and the local model server. The expected insight of each
 * comment comes from the server's own rules ({@link PromptFacts}) applied to the prompt the job renders, and the
 * expected per-minute counts from those insights, so the test holds no second copy of the rules.
 */
class LiveCommentsLocalRunTest {
  private static Plan plan;
  private static LocalModelServer server;
  private static RunSummary summary;
  private static List<Comment> comments;
  private static PromptTemplate prompt;

  @BeforeAll
  static void run() {
    plan = Planner.plan(LiveComments.class);
    comments = new BundledInput("comments", "comments-in").records(Comment.class);
    prompt = PromptTemplate.parse(operator("insight").inference().prompt());
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
  void eachCommentGetsTheSentimentAndTopicTheModelsRulesGiveItsPrompt() {
    List<ScoredComment> expected = new ArrayList<>();
    for (Comment comment : comments) {
      PromptFacts facts = PromptFacts.of(prompt(comment));
      expected.add(new ScoredComment(comment.streamId(), comment.user(), comment.text(), comment.at(),
          LiveComments.Sentiment.valueOf(facts.sentiment().name()), LiveComments.Topic.valueOf(facts.topic().name())));
    }
    assertThat(expected).extracting(ScoredComment::sentiment).contains(LiveComments.Sentiment.values());
    assertThat(expected).extracting(ScoredComment::topic).contains(LiveComments.Topic.values());
    assertThat(SinkRecords.of(summary, "scored-comments", ScoredComment.class))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void eachStreamsCommentsAreCountedBySentimentPerMinuteOfPostingTime() {
    Map<String, long[]> counts = new TreeMap<>();
    for (Comment comment : comments) {
      String minute = Instant.ofEpochMilli(comment.at() - Math.floorMod(comment.at(), 60_000L)).toString();
      long[] c = counts.computeIfAbsent(comment.streamId() + "@" + minute, slot -> new long[3]);
      c[PromptFacts.of(prompt(comment)).sentiment().ordinal()]++; // the server's order: POSITIVE, NEGATIVE, NEUTRAL
    }
    List<SentimentMinute> expected = new ArrayList<>();
    counts.forEach((slot, c) -> expected.add(new SentimentMinute(slot, slot.substring(0, slot.indexOf('@')),
        slot.substring(slot.indexOf('@') + 1), c[0], c[2], c[1], c[0] + c[1] + c[2])));
    assertThat(expected).hasSizeGreaterThan(6);
    assertThat(SinkRecords.of(summary, "dashboard", SentimentMinute.class))
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(SinkRecords.of(summary, "comments-sentiment-per-minute", SentimentMinute.class))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void theModelIsAskedOncePerCommentAndNothingIsDeadLettered() {
    ModelCalls.askedOncePerRecord(summary, server,
        comments.stream().map(LiveCommentsLocalRunTest::prompt).toList());
  }

  private static String prompt(Comment comment) {
    return prompt.render(field -> SharedEmulators.field(comment, field));
  }

  private static OperatorSpec operator(String name) {
    return plan.stages().stream().flatMap(s -> s.operators().stream()).filter(o -> o.name().equals(name))
        .findFirst().orElseThrow();
  }
}
