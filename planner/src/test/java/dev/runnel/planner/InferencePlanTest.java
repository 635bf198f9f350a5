package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;
import dev.runnel.api.model.Classify;
import dev.runnel.api.model.Complete;
import dev.runnel.api.model.Embed;
import dev.runnel.api.model.Embedding;
import dev.runnel.api.model.Label;
import dev.runnel.api.model.Model;
import dev.runnel.api.model.Provider;
import dev.runnel.plan.BatchingSpec;
import dev.runnel.plan.InferenceSpec;
import dev.runnel.plan.InferenceTask;
import dev.runnel.plan.ModelLimits;
import dev.runnel.plan.ModelProvider;
import dev.runnel.plan.ModelSpec;
import dev.runnel.plan.OperatorKind;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.PlanJson;
import dev.runnel.plan.SecretReference;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.TableRole;
import dev.runnel.plan.TableSpec;
import dev.runnel.planner.jobs.Clicks;
import dev.runnel.planner.jobs.Shop;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Plans of jobs that call models: inference operators, the plan's models and their tables. */
class InferencePlanTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long EIGHT_DAYS = 8 * 86_400;

  @StreamingJob("reviews")
  @Model(name = "sentiment", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini",
      apiKey = "env:OPENAI_API_KEY", requestsPerMinute = 60, systemPrompt = "You label product reviews.")
  @Model(name = "minilm", provider = Provider.IN_PROCESS, id = "all-minilm-l6-v2-q")
  @Model(name = "claude", provider = Provider.BEDROCK, id = "anthropic.claude-3-haiku-20240307-v1:0",
      version = "20240307", region = "eu-west-1", timeout = "PT10S", maxRetries = 2, maxOutputTokens = 256,
      circuitOpen = "PT1M", keepResults = "P2D", output = Reviews.Verdict.class)
  public static class Reviews {
    @Source(stream = "reviews-in", shards = 2)
    public record Review(String user, String text, int stars) {}

    public enum Severity { LOW, MEDIUM, HIGH }

    public record Detail(long count, Float weight, Set<Severity> seen) {}

    public record Verdict(boolean compliant, String reason, Severity severity, int score, double confidence,
        List<String> tags, Detail detail, Boolean flagged, short rank, char grade) {}

    public record Scored(String user, String text, String sentiment) {}

    public record Vectored(String user, int dimensions) {}

    public record Judged(String user, boolean compliant) {}

    public record Tally(String user, long positive) {}

    @Classify(model = "sentiment", from = "reviews-in", labels = {"positive", "neutral", "negative"},
        prompt = "Answer {{}\"label\": ...{}}. Review ({stars} stars): {text}")
    @KeyBy("user")
    public Scored score(Review review, Label label) {
      return new Scored(review.user(), review.text(), label.value());
    }

    @KeyedProcess(from = "score")
    @Sink(console = true, name = "tallies")
    public Tally tally(Scored scored, @State("positive") ValueState<Long> positive) {
      long n = (positive.value() == null ? 0 : positive.value()) + (scored.sentiment().equals("positive") ? 1 : 0);
      positive.update(n);
      return new Tally(scored.user(), n);
    }

    @Embed(model = "minilm", from = "reviews-in", text = "{text}")
    @Sink(console = true, name = "vectors")
    public Vectored embed(Review review, Embedding embedding) {
      return new Vectored(review.user(), embedding.dimensions());
    }

    @Complete(model = "claude", from = "reviews-in", prompt = "Is this review compliant? {text}")
    @Sink(console = true, name = "verdicts")
    public Judged judge(Review review, Verdict verdict) {
      return new Judged(review.user(), verdict.compliant());
    }
  }

  private final Plan plan = Planner.plan(Reviews.class);

  private OperatorSpec operator(String name) {
    return plan.stages().stream().flatMap(s -> s.operators().stream()).filter(o -> o.name().equals(name))
        .findFirst().orElseThrow();
  }

  private static final String REVIEW = Reviews.Review.class.getName();

  @Test
  void modelCallsAreFusedIntoTheSourceStageAndTheKeyByCutsTheNext() {
    assertThat(plan.stages()).extracting(StageSpec::id).containsExactly("reviews-1", "reviews-2");
    StageSpec source = plan.stage("reviews-1").orElseThrow();
    assertThat(source.input().stream()).isEqualTo("reviews-in");
    assertThat(source.keyField()).isNull();
    assertThat(source.operators()).extracting(OperatorSpec::name, OperatorSpec::kind, OperatorSpec::from)
        .containsExactlyInAnyOrder(tuple("score", OperatorKind.INFERENCE, "reviews-in"),
            tuple("embed", OperatorKind.INFERENCE, "reviews-in"),
            tuple("judge", OperatorKind.INFERENCE, "reviews-in"));
    assertThat(source.state()).isEmpty();
    assertThat(source.outputs()).containsExactlyInAnyOrder(
        new OutputSpec("reviews-score", OutputKind.REPARTITION, "score", "reviews-score", "user",
            Reviews.Scored.class.getName()),
        new OutputSpec("vectors", OutputKind.CONSOLE, "embed", null, null, Reviews.Vectored.class.getName()),
        new OutputSpec("verdicts", OutputKind.CONSOLE, "judge", null, null, Reviews.Judged.class.getName()));
    StageSpec keyed = plan.stage("reviews-2").orElseThrow();
    assertThat(keyed.input().stream()).isEqualTo("reviews-score");
    assertThat(keyed.keyField()).isEqualTo("user");
    assertThat(keyed.operators()).extracting(OperatorSpec::name, OperatorSpec::kind)
        .containsExactly(tuple("tally", OperatorKind.PROCESS));
    assertThat(plan.stream("reviews-score").orElseThrow().shards()).isEqualTo(2);
    // a stage with state makes every stage exactly-once; no time, since nothing here needs it
    assertThat(plan.stages()).allSatisfy(s -> {
      assertThat(s.batching()).isEqualTo(BatchingSpec.EXACTLY_ONCE);
      assertThat(s.time()).isNull();
    });
  }

  @Test
  void aClassifyOperatorCarriesItsLabelsAndTheirSchema() throws Exception {
    OperatorSpec score = operator("score");
    assertThat(score).isEqualTo(new OperatorSpec("score", OperatorKind.INFERENCE, "score", "reviews-in", REVIEW,
        Reviews.Scored.class.getName(), null, null,
        new InferenceSpec("sentiment", InferenceTask.CLASSIFY, "Answer {{}\"label\": ...{}}. Review ({stars} stars):"
            + " {text}", List.of("positive", "neutral", "negative"), Label.class.getName(),
            score.inference().outputSchema(), EIGHT_DAYS)));
    assertThat(score.window()).isNull();
    assertThat(score.onTimer()).isNull();
    assertThat(JSON.readTree(score.inference().outputSchema())).isEqualTo(JSON.readTree("""
        {"type": "object",
         "properties": {"label": {"type": "string", "enum": ["positive", "neutral", "negative"]}},
         "required": ["label"],
         "additionalProperties": false}"""));
  }

  @Test
  void anEmbedOperatorHasNoSchemaAndNoLabels() {
    assertThat(operator("embed").inference()).isEqualTo(new InferenceSpec("minilm", InferenceTask.EMBED, "{text}",
        List.of(), Embedding.class.getName(), null, EIGHT_DAYS));
  }

  @Test
  void aCompleteOperatorSendsTheJsonSchemaOfItsAnswerRecord() throws Exception {
    InferenceSpec judge = operator("judge").inference();
    assertThat(judge.model()).isEqualTo("claude");
    assertThat(judge.task()).isEqualTo(InferenceTask.CHAT);
    assertThat(judge.prompt()).isEqualTo("Is this review compliant? {text}");
    assertThat(judge.labels()).isEmpty();
    assertThat(judge.answerType()).isEqualTo(Reviews.Verdict.class.getName());
    assertThat(judge.keepResultsSeconds()).isEqualTo(2 * 86_400);
    JsonNode schema = JSON.readTree(judge.outputSchema());
    assertThat(schema).isEqualTo(JSON.readTree("""
        {"type": "object",
         "properties": {
           "compliant": {"type": "boolean"},
           "reason": {"type": "string"},
           "severity": {"type": "string", "enum": ["LOW", "MEDIUM", "HIGH"]},
           "score": {"type": "integer"},
           "confidence": {"type": "number"},
           "tags": {"type": "array", "items": {"type": "string"}},
           "detail": {"type": "object",
             "properties": {
               "count": {"type": "integer"},
               "weight": {"type": "number"},
               "seen": {"type": "array", "items": {"type": "string", "enum": ["LOW", "MEDIUM", "HIGH"]}}},
             "required": ["count", "weight", "seen"],
             "additionalProperties": false},
           "flagged": {"type": "boolean"},
           "rank": {"type": "integer"},
           "grade": {"type": "string"}},
         "required": ["compliant", "reason", "severity", "score", "confidence", "tags", "detail", "flagged", "rank",
           "grade"],
         "additionalProperties": false}"""));
    // the field order of the record, so that the schema (and so the prompt hash) is stable
    List<String> properties = new ArrayList<>();
    schema.get("properties").fieldNames().forEachRemaining(properties::add);
    assertThat(properties).containsExactly("compliant", "reason", "severity", "score", "confidence", "tags",
        "detail", "flagged", "rank", "grade");
  }

  @Test
  void theModelsInDeclarationOrderWithVersionDefaultingToTheId() {
    assertThat(plan.models()).containsExactly(
        new ModelSpec("sentiment", ModelProvider.OPENAI_COMPATIBLE, "gpt-4o-mini", "gpt-4o-mini", null, null,
            "env:OPENAI_API_KEY", "You label product reviews.", new ModelLimits(8, 60, 0, 30_000, 4, 512, 32,
            30_000)),
        new ModelSpec("minilm", ModelProvider.IN_PROCESS, "all-minilm-l6-v2-q", "all-minilm-l6-v2-q", null, null,
            null, "", new ModelLimits(8, 0, 0, 30_000, 4, 512, 32, 30_000)),
        new ModelSpec("claude", ModelProvider.BEDROCK, "anthropic.claude-3-haiku-20240307-v1:0", "20240307", null,
            "eu-west-1", null, "", new ModelLimits(8, 0, 0, 10_000, 2, 256, 32, 60_000)));
    assertThat(plan.model("sentiment")).isPresent();
    assertThat(plan.model("nope")).isEmpty();
  }

  @Test
  void resultsAndRateLimitTablesComeLastInTheirFixedOrder() {
    assertThat(plan.tables()).containsExactly(
        new TableSpec("reviews-dead-letters", TableRole.DEAD_LETTER, "source", "position"),
        new TableSpec("reviews-state", TableRole.STATE, "pk", null),
        new TableSpec("reviews-checkpoints", TableRole.CHECKPOINT, "pk", null),
        new TableSpec("reviews-state-log", TableRole.STATE_LOG, "pk", "sk"),
        new TableSpec("reviews-inference-results", TableRole.INFERENCE_RESULTS, "pk", "sk"),
        new TableSpec("reviews-rate-limits", TableRole.RATE_LIMITS, "bucket", null));
  }

  @Test
  void roundTripsWithOnlyTheKeyReferenceInTheJson() {
    String json = PlanJson.write(plan);
    assertThat(PlanJson.read(json)).isEqualTo(plan);
    assertThat(PlanJson.write(Planner.plan(Reviews.class))).isEqualTo(json);
    assertThat(json).contains("\"models\" : [", "\"apiKey\" : \"env:OPENAI_API_KEY\"", "\"kind\" : \"inference\"",
        "\"task\" : \"classify\"", "\"task\" : \"embed\"", "\"task\" : \"chat\"", "\"provider\" : \"in-process\"",
        "\"provider\" : \"openai-compatible\"", "\"provider\" : \"bedrock\"", "\"role\" : \"inference-results\"",
        "\"role\" : \"rate-limits\"", "\"requestsPerMinute\" : 60");
    Matcher keys = Pattern.compile("\"apiKey\" : \"([^\"]*)\"").matcher(json);
    List<String> apiKeys = new ArrayList<>();
    while (keys.find()) {
      apiKeys.add(keys.group(1));
    }
    assertThat(apiKeys).containsExactly("env:OPENAI_API_KEY").allMatch(SecretReference::isReference);
    // the planner never resolves the reference: whatever the variable holds is not in the plan
    String secret = System.getenv("OPENAI_API_KEY");
    if (secret != null && !secret.isBlank()) {
      assertThat(json).doesNotContain(secret);
    }
    // an embed operator has no schema and no labels; models without a key or region leave them out
    assertThat(json).doesNotContain("\"apiKey\" : null", "\"region\" : null", "\"endpoint\" : null",
        "\"outputSchema\" : null", "\"labels\" : [ ]", "\"inference\" : null");
  }

  @Test
  void explainsTheInferenceOperators() {
    assertThat(Explainer.text(plan)).contains("score", "inference", "embed", "judge");
    assertThat(Explainer.mermaid(plan)).contains("inference");
  }

  @StreamingJob("embeddings")
  @Model(name = "minilm", provider = Provider.IN_PROCESS, id = "all-minilm-l6-v2-q")
  public static class EmbeddingsOnly {
    @Source(stream = "docs")
    public record Doc(String id, String body) {}

    public record Vectored(String id, int dimensions) {}

    @Embed(model = "minilm", text = "{body}")
    @Sink(console = true)
    public Vectored embed(Doc doc, Embedding embedding) {
      return new Vectored(doc.id(), embedding.dimensions());
    }
  }

  @Test
  void withoutARateLimitThereIsNoRateLimitTable() {
    Plan embeddings = Planner.plan(EmbeddingsOnly.class);
    assertThat(embeddings.stages()).hasSize(1);
    assertThat(embeddings.stages().get(0).operators()).extracting(OperatorSpec::name, OperatorSpec::from)
        .containsExactly(tuple("embed", "docs"));
    assertThat(embeddings.stages().get(0).batching()).isEqualTo(BatchingSpec.DEFAULT);
    assertThat(embeddings.tables()).containsExactly(
        new TableSpec("embeddings-dead-letters", TableRole.DEAD_LETTER, "source", "position"),
        new TableSpec("embeddings-inference-results", TableRole.INFERENCE_RESULTS, "pk", "sk"));
    assertThat(PlanJson.write(embeddings)).doesNotContain("rate-limits", "apiKey");
  }

  @StreamingJob("tokens")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini", apiKey = "ssm:/tokens/openai",
      tokensPerMinute = 200_000)
  public static class TokenLimitOnly {
    @Source(stream = "docs")
    public record Doc(String id, String body) {}

    public record Tagged(String id, String tag) {}

    @Classify(model = "chat", labels = {"a", "b"}, prompt = "{body}")
    @Sink(console = true)
    public Tagged tag(Doc doc, Label label) {
      return new Tagged(doc.id(), label.value());
    }
  }

  @Test
  void aTokenLimitAloneAlsoNeedsTheRateLimitTable() {
    Plan tokens = Planner.plan(TokenLimitOnly.class);
    assertThat(tokens.tables()).extracting(TableSpec::role)
        .containsExactly(TableRole.DEAD_LETTER, TableRole.INFERENCE_RESULTS, TableRole.RATE_LIMITS);
    assertThat(tokens.model("chat").orElseThrow().limits().tokensPerMinute()).isEqualTo(200_000);
    assertThat(tokens.model("chat").orElseThrow().apiKey()).isEqualTo("ssm:/tokens/openai");
  }

  @StreamingJob("keyed-first")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class ModelCallBeforeStateInAKeyedStage {
    @Source(stream = "docs")
    @KeyBy("id")
    public record Doc(String id, String body) {}

    public record Tagged(String id, String tag) {}

    @Classify(model = "chat", labels = {"a", "b"}, prompt = "{body}")
    public Tagged tag(Doc doc, Label label) {
      return new Tagged(doc.id(), label.value());
    }

    @KeyedProcess(from = "tag")
    @Sink(console = true)
    public Tagged firstPerKey(Tagged tagged, @State("seen") ValueState<Boolean> seen) {
      return tagged;
    }
  }

  @Test
  void aModelCallBeforeStateInOneStageIsAllowed() {
    Plan keyed = Planner.plan(ModelCallBeforeStateInAKeyedStage.class);
    assertThat(keyed.stages()).extracting(StageSpec::id).containsExactly("keyed-first-1", "keyed-first-2");
    assertThat(keyed.stages().get(0).operators()).isEmpty();
    assertThat(keyed.stages().get(1).operators()).extracting(OperatorSpec::name, OperatorSpec::kind)
        .containsExactly(tuple("tag", OperatorKind.INFERENCE), tuple("firstPerKey", OperatorKind.PROCESS));
    assertThat(keyed.tables()).extracting(TableSpec::role).contains(TableRole.INFERENCE_RESULTS)
        .doesNotContain(TableRole.RATE_LIMITS);
  }

  @StreamingJob("after-keyed-state")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class ModelCallAfterAKeyedStatefulOperator {
    @Source(stream = "docs")
    @KeyBy("id")
    public record Doc(String id, String body) {}

    public record Tagged(String id, String tag) {}

    @KeyedProcess(from = "docs")
    @KeyBy("id")
    public Doc dedupe(Doc doc, @State("seen") ValueState<Boolean> seen) {
      return doc;
    }

    @Classify(model = "chat", from = "dedupe", labels = {"a", "b"}, prompt = "{body}")
    @Sink(console = true)
    public Tagged tag(Doc doc, Label label) {
      return new Tagged(doc.id(), label.value());
    }
  }

  @Test
  void aModelCallAfterStateInTheNextStageIsAllowed() {
    Plan plan = Planner.plan(ModelCallAfterAKeyedStatefulOperator.class);
    assertThat(plan.stages()).extracting(StageSpec::id)
        .containsExactly("after-keyed-state-1", "after-keyed-state-2", "after-keyed-state-3");
    assertThat(plan.stages().get(2).operators()).extracting(OperatorSpec::name).containsExactly("tag");
  }

  @Test
  void aPlanWithoutModelsHasNoModelsAndNoInferenceTables() {
    for (Class<?> job : List.of(Shop.class, Clicks.class)) {
      Plan untouched = Planner.plan(job);
      assertThat(untouched.models()).isEmpty();
      assertThat(untouched.tables()).extracting(TableSpec::role)
          .doesNotContain(TableRole.INFERENCE_RESULTS, TableRole.RATE_LIMITS);
      String json = PlanJson.write(untouched);
      assertThat(json).doesNotContain("\"models\"", "\"inference\"", "inference-results", "rate-limits");
      assertThat(PlanJson.read(json)).isEqualTo(untouched);
    }
  }
}
