package dev.runnel.examples.comments;

import dev.runnel.api.Aggregate;
import dev.runnel.api.AggregateFunction;
import dev.runnel.api.EventTime;
import dev.runnel.api.KeyBy;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Window;
import dev.runnel.api.Windowed;
import dev.runnel.api.model.Complete;
import dev.runnel.api.model.Model;
import dev.runnel.api.model.Provider;
import java.time.Instant;

/**
 * The comment feed of live shopping streams, read by a chat model: each comment gets a sentiment and a topic (one
 * model call per comment, answered as JSON matching {@link Insight}), then each stream's comments are counted per
 * minute of the time they were written, for the host's dashboard.
 *
 * <pre>
 * comments-in ─▶ insight [model: chat] ─▶ scored-comments (console)
 *                                      ═(key: streamId)═▶ perMinute [1-minute windows] ─▶ dashboard, table
 * </pre>
 *
 * Run it with {@code ./runnel run dev.runnel.examples.comments.LiveComments --local-model-server} (a rule-based
 * stand-in on loopback), {@code --model-endpoint chat=http://localhost:11434/v1} (e.g. Ollama), or with
 * {@code OPENAI_API_KEY} set against OpenAI itself.
 */
@StreamingJob("comments")
@Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini", apiKey = "env:OPENAI_API_KEY",
    systemPrompt = "You read viewer comments posted during live shopping streams. For each comment, say how the viewer"
        + " feels (about the product, the offer or the host) and what the comment is mainly about: the price, the"
        + " shipping, the product itself (size, fit, colour, quality), the stream (host, music, picture), or"
        + " something else.",
    maxConcurrency = 8, requestsPerMinute = 600, maxOutputTokens = 64, timeout = "PT20S")
public class LiveComments {

  /** A viewer's comment on a live stream; {@code at} is when it was posted, epoch milliseconds. */
  @Source(stream = "comments-in", shards = 2)
  @EventTime(field = "at", maxOutOfOrderness = "PT10S", idleAfter = "PT30S")
  public record Comment(String streamId, String user, String text, long at) {}

  /** How the viewer feels. */
  public enum Sentiment { POSITIVE, NEUTRAL, NEGATIVE }

  /** What the comment is about. */
  public enum Topic { PRICE, SHIPPING, PRODUCT, STREAM, OTHER }

  /** The model's answer about one comment. */
  public record Insight(Sentiment sentiment, Topic topic) {}

  /** A comment with the model's insight. */
  public record ScoredComment(String streamId, String user, String text, long at, Sentiment sentiment,
      Topic topic) {}

  /** A stream's comments in one minute, by sentiment; {@code slot} is {@code <streamId>@<minute>}. */
  public record SentimentMinute(String slot, String streamId, String minute, long positive, long neutral,
      long negative, long total) {}

  /** Comments counted by sentiment. */
  public record Tally(long positive, long neutral, long negative) {
    /** Every comment counted. */
    public long total() {
      return positive + neutral + negative;
    }
  }

  /** Counts comments by sentiment. */
  public static final class SentimentTally implements AggregateFunction<ScoredComment, Tally, Tally> {
    @Override
    public Tally createAccumulator() {
      return new Tally(0, 0, 0);
    }

    @Override
    public Tally add(ScoredComment comment, Tally tally) {
      return switch (comment.sentiment()) {
        case POSITIVE -> new Tally(tally.positive() + 1, tally.neutral(), tally.negative());
        case NEUTRAL -> new Tally(tally.positive(), tally.neutral() + 1, tally.negative());
        case NEGATIVE -> new Tally(tally.positive(), tally.neutral(), tally.negative() + 1);
      };
    }

    @Override
    public Tally getResult(Tally tally) {
      return tally;
    }

    @Override
    public Tally merge(Tally left, Tally right) {
      return new Tally(left.positive() + right.positive(), left.neutral() + right.neutral(),
          left.negative() + right.negative());
    }
  }

  /** Asks the model about the comment (once: the answer is stored and reused on replays). */
  @Complete(model = "chat", from = "comments-in", prompt = "Viewer comment: \"{text}\"")
  @KeyBy("streamId")
  @Sink(name = "scored-comments", console = true)
  public ScoredComment insight(Comment comment, Insight insight) {
    return new ScoredComment(comment.streamId(), comment.user(), comment.text(), comment.at(), insight.sentiment(),
        insight.topic());
  }

  /** Each stream's comments per minute, by sentiment, written when the minute is over. */
  @Window(from = "insight", size = "PT1M")
  @Aggregate(function = SentimentTally.class)
  @Sink(name = "dashboard", console = true)
  @Sink(table = "comments-sentiment-per-minute", key = "slot")
  public SentimentMinute perMinute(Windowed<Tally> window) {
    String minute = Instant.ofEpochMilli(window.start()).toString();
    Tally tally = window.value();
    return new SentimentMinute(window.key() + "@" + minute, window.key(), minute, tally.positive(), tally.neutral(),
        tally.negative(), tally.total());
  }
}
