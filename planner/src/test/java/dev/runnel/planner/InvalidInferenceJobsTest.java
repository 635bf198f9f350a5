package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.api.Aggregate;
import dev.runnel.api.EventTime;
import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;
import dev.runnel.api.Window;
import dev.runnel.api.Windowed;
import dev.runnel.api.model.Classify;
import dev.runnel.api.model.Complete;
import dev.runnel.api.model.Embed;
import dev.runnel.api.model.Embedding;
import dev.runnel.api.model.Label;
import dev.runnel.api.model.Model;
import dev.runnel.api.model.Provider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Mistakes with models and inference operators: each fails planning with the place (the job class's @Model or the
 * operator method) and what to change, and only that problem: a rejected @Model is not reported again as undeclared
 * by the operators that call it.
 */
class InvalidInferenceJobsTest {
  private static InvalidJobException failure(Class<?> job) {
    InvalidJobException thrown = catchThrowableOfType(InvalidJobException.class, () -> Planner.plan(job));
    assertThat(thrown).as("planning %s must fail", job.getSimpleName()).isNotNull();
    return thrown;
  }

  private static JobProblem onlyProblem(Class<?> job) {
    InvalidJobException thrown = failure(job);
    assertThat(thrown.problems()).as(thrown.getMessage()).hasSize(1);
    JobProblem problem = thrown.problems().get(0);
    assertThat(thrown.getMessage()).contains(problem.where(), problem.problem(), problem.fix());
    return problem;
  }

  private static String model(Class<?> job, String name) {
    return "InvalidInferenceJobsTest." + job.getSimpleName() + " @Model(name = \"" + name + "\")";
  }

  /** What the operators below return. */
  public record Scored(String user, String label) {}

  public record Vector(String user, int dimensions) {}

  public record Verdict(boolean ok, String reason) {}

  public record OtherVerdict(boolean ok) {}

  public record Judged(String user, boolean ok) {}

  // ---- operators and the models they call

  @StreamingJob("undeclared")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini", apiKey = "env:OPENAI_API_KEY")
  public static class UndeclaredModel {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "sentiment", prompt = "Classify: {text}", labels = {"positive", "negative"})
    @Sink(console = true)
    public Scored score(In in, Label label) {
      return new Scored(in.user(), label.value());
    }
  }

  @Test
  void anOperatorCallingAModelTheJobDoesNotDeclare() {
    JobProblem p = onlyProblem(UndeclaredModel.class);
    assertThat(p.where()).isEqualTo("InvalidInferenceJobsTest.UndeclaredModel.score(InvalidInferenceJobsTest"
        + ".UndeclaredModel.In, Label)");
    assertThat(p.problem()).contains("calls model 'sentiment', which the job does not declare");
    assertThat(p.fix()).contains("Use one of [chat]", "declare it with @Model on the job class");
  }

  @StreamingJob("no-models")
  public static class NoModelAtAll {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "sentiment", prompt = "Classify: {text}", labels = {"positive", "negative"})
    @Sink(console = true)
    public Scored score(In in, Label label) {
      return new Scored(in.user(), label.value());
    }
  }

  @Test
  void anOperatorCallingAModelInAJobWithoutModels() {
    JobProblem p = onlyProblem(NoModelAtAll.class);
    assertThat(p.problem()).contains("calls model 'sentiment', which the job does not declare");
    assertThat(p.fix()).contains("Declare it on the job class: @Model(name = \"sentiment\", provider = ...");
  }

  @StreamingJob("twice")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini", apiKey = "env:OPENAI_API_KEY")
  @Model(name = "chat", provider = Provider.BEDROCK, id = "anthropic.claude-3-haiku-20240307-v1:0")
  public static class SameModelNameTwice {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "chat", prompt = "Classify: {text}", labels = {"positive", "negative"})
    @Sink(console = true)
    public Scored score(In in, Label label) {
      return new Scored(in.user(), label.value());
    }
  }

  @Test
  void twoModelsWithTheSameName() {
    JobProblem p = onlyProblem(SameModelNameTwice.class);
    assertThat(p.where()).isEqualTo(model(SameModelNameTwice.class, "chat"));
    assertThat(p.problem()).contains("declares the model name 'chat' twice");
    assertThat(p.fix()).contains("Give each @Model a name of its own");
  }

  // ---- @Model declarations

  @StreamingJob("bad-name")
  @Model(name = "Chat_Model", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class BadModelName {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "Chat_Model", prompt = "Classify: {text}", labels = {"positive", "negative"})
    @Sink(console = true)
    public Scored score(In in, Label label) {
      return new Scored(in.user(), label.value());
    }
  }

  @Test
  void aModelNameThatIsNotValid() {
    JobProblem p = onlyProblem(BadModelName.class);
    assertThat(p.where()).isEqualTo(model(BadModelName.class, "Chat_Model"));
    assertThat(p.problem()).contains("model name 'Chat_Model' is not valid");
    assertThat(p.fix()).contains("lower-case letters, digits and '-'", "name = \"sentiment\"");
  }

  @StreamingJob("no-id")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = " ")
  public static class BlankModelId {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "chat", prompt = "Classify: {text}", labels = {"positive", "negative"})
    @Sink(console = true)
    public Scored score(In in, Label label) {
      return new Scored(in.user(), label.value());
    }
  }

  @Test
  void aModelWithoutAnId() {
    JobProblem p = onlyProblem(BlankModelId.class);
    assertThat(p.where()).isEqualTo(model(BlankModelId.class, "chat"));
    assertThat(p.problem()).contains("has no model id");
    assertThat(p.fix()).contains("id = \"gpt-4o-mini\"");
  }

  @StreamingJob("not-shipped")
  @Model(name = "minilm", provider = Provider.IN_PROCESS, id = "bge-small-en")
  public static class InProcessNotShipped {
    @Source(stream = "docs") public record In(String user, String text) {}

    @Embed(model = "minilm", text = "{text}")
    @Sink(console = true)
    public Vector embed(In in, Embedding embedding) {
      return new Vector(in.user(), embedding.dimensions());
    }
  }

  @Test
  void anInProcessModelRunnelDoesNotShip() {
    JobProblem p = onlyProblem(InProcessNotShipped.class);
    assertThat(p.where()).isEqualTo(model(InProcessNotShipped.class, "minilm"));
    assertThat(p.problem()).contains("in-process model id 'bge-small-en' is not one Runnel ships");
    assertThat(p.fix()).contains("[all-minilm-l6-v2-q]", "provider = OPENAI_COMPATIBLE");
  }

  @StreamingJob("in-process-key")
  @Model(name = "minilm", provider = Provider.IN_PROCESS, id = "all-minilm-l6-v2-q", apiKey = "env:OPENAI_API_KEY")
  public static class InProcessWithKey {
    @Source(stream = "docs") public record In(String user, String text) {}

    @Embed(model = "minilm", text = "{text}")
    @Sink(console = true)
    public Vector embed(In in, Embedding embedding) {
      return new Vector(in.user(), embedding.dimensions());
    }
  }

  @StreamingJob("in-process-url")
  @Model(name = "minilm", provider = Provider.IN_PROCESS, id = "all-minilm-l6-v2-q",
      endpoint = "http://localhost:8080/v1")
  public static class InProcessWithEndpoint {
    @Source(stream = "docs") public record In(String user, String text) {}

    @Embed(model = "minilm", text = "{text}")
    @Sink(console = true)
    public Vector embed(In in, Embedding embedding) {
      return new Vector(in.user(), embedding.dimensions());
    }
  }

  @Test
  void anInProcessModelWithAKeyOrAnEndpoint() {
    for (Class<?> job : List.of(InProcessWithKey.class, InProcessWithEndpoint.class)) {
      JobProblem p = onlyProblem(job);
      assertThat(p.where()).isEqualTo(model(job, "minilm"));
      assertThat(p.problem()).contains("an in-process model has no endpoint and needs no API key");
      assertThat(p.fix()).isEqualTo("Remove endpoint and apiKey.");
    }
  }

  @StreamingJob("literal-key")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini", apiKey = "sk-abc123")
  public static class LiteralKey {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "chat", prompt = "Classify: {text}", labels = {"positive", "negative"})
    @Sink(console = true)
    public Scored score(In in, Label label) {
      return new Scored(in.user(), label.value());
    }
  }

  @StreamingJob("almost-ref")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini", apiKey = "env:sk-abc123")
  public static class KeyBehindAPrefix {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "chat", prompt = "Classify: {text}", labels = {"positive", "negative"})
    @Sink(console = true)
    public Scored score(In in, Label label) {
      return new Scored(in.user(), label.value());
    }
  }

  @Test
  void anApiKeyThatIsTheKeyItselfIsRejectedWithoutRepeatingIt() {
    for (Class<?> job : List.of(LiteralKey.class, KeyBehindAPrefix.class)) {
      InvalidJobException thrown = failure(job);
      assertThat(thrown.getMessage()).doesNotContain("sk-abc123");
      assertThat(thrown.problems()).allSatisfy(p -> assertThat(p.toString()).doesNotContain("sk-abc123"));
      JobProblem p = onlyProblem(job);
      assertThat(p.where()).isEqualTo(model(job, "chat"));
      assertThat(p.problem()).contains("apiKey does not say where the key comes from",
          "it must never hold the key itself");
      assertThat(p.fix()).contains("apiKey = \"env:OPENAI_API_KEY\"", "\"ssm:/my-job/openai-key\"",
          "\"secretsmanager:my-job/openai\"", "keep the key there");
    }
  }

  @StreamingJob("endpoint")
  @Model(name = "local", provider = Provider.OPENAI_COMPATIBLE, id = "llama3", endpoint = "localhost:11434/v1")
  public static class EndpointWithoutScheme {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "local", prompt = "Classify: {text}", labels = {"positive", "negative"})
    @Sink(console = true)
    public Scored score(In in, Label label) {
      return new Scored(in.user(), label.value());
    }
  }

  @StreamingJob("endpoint-ftp")
  @Model(name = "local", provider = Provider.OPENAI_COMPATIBLE, id = "llama3", endpoint = "ftp://models.example/v1")
  public static class EndpointNotHttp {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "local", prompt = "Classify: {text}", labels = {"positive", "negative"})
    @Sink(console = true)
    public Scored score(In in, Label label) {
      return new Scored(in.user(), label.value());
    }
  }

  @Test
  void anEndpointThatIsNotAnHttpUrl() {
    JobProblem p = onlyProblem(EndpointWithoutScheme.class);
    assertThat(p.where()).isEqualTo(model(EndpointWithoutScheme.class, "local"));
    assertThat(p.problem()).contains("endpoint 'localhost:11434/v1' is not an http(s) URL");
    assertThat(p.fix()).contains("endpoint = \"http://localhost:11434/v1\"");
    assertThat(onlyProblem(EndpointNotHttp.class).problem())
        .contains("endpoint 'ftp://models.example/v1' is not an http(s) URL");
  }

  @StreamingJob("region")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini", region = "us-east-1")
  public static class RegionOutsideBedrock {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "chat", prompt = "Classify: {text}", labels = {"positive", "negative"})
    @Sink(console = true)
    public Scored score(In in, Label label) {
      return new Scored(in.user(), label.value());
    }
  }

  @Test
  void aRegionOnAModelThatIsNotOnBedrock() {
    JobProblem p = onlyProblem(RegionOutsideBedrock.class);
    assertThat(p.where()).isEqualTo(model(RegionOutsideBedrock.class, "chat"));
    assertThat(p.problem()).contains("region only applies to Bedrock models");
    assertThat(p.fix()).contains("Remove region, or use provider = BEDROCK");
  }

  // ---- limits and durations

  @StreamingJob("limits")
  @Model(name = "no-concurrency", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini", maxConcurrency = 0)
  @Model(name = "no-batch", provider = Provider.OPENAI_COMPATIBLE, id = "text-embedding-3-small", batchSize = 0)
  @Model(name = "negative-tokens", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini", tokensPerMinute = -1)
  @Model(name = "negative-requests", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini",
      requestsPerMinute = -5)
  @Model(name = "retries", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini", maxRetries = 21)
  @Model(name = "no-tokens", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini", maxOutputTokens = 0)
  @Model(name = "crowd", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini", maxConcurrency = 257)
  public static class LimitsOutOfRange {
    @Source(stream = "reviews") @Sink(console = true) public record In(String user, String text) {}
  }

  @Test
  void limitsOutOfRangeEachSayTheRange() {
    InvalidJobException thrown = failure(LimitsOutOfRange.class);
    assertThat(thrown.problems()).extracting(JobProblem::where, JobProblem::problem, JobProblem::fix).containsExactly(
        org.assertj.core.groups.Tuple.tuple(model(LimitsOutOfRange.class, "no-concurrency"),
            "maxConcurrency 0 is out of range", "Use 1 to 256, e.g. maxConcurrency = 8."),
        org.assertj.core.groups.Tuple.tuple(model(LimitsOutOfRange.class, "no-batch"),
            "batchSize 0 is out of range", "Use 1 to 2048, e.g. batchSize = 32."),
        org.assertj.core.groups.Tuple.tuple(model(LimitsOutOfRange.class, "negative-tokens"),
            "tokensPerMinute is negative", "Use 0 for no limit, or the provider's limit, e.g. 200000."),
        org.assertj.core.groups.Tuple.tuple(model(LimitsOutOfRange.class, "negative-requests"),
            "requestsPerMinute -5 is out of range", "Use 0 to 10000000, e.g. requestsPerMinute = 600."),
        org.assertj.core.groups.Tuple.tuple(model(LimitsOutOfRange.class, "retries"),
            "maxRetries 21 is out of range", "Use 0 to 20, e.g. maxRetries = 4."),
        org.assertj.core.groups.Tuple.tuple(model(LimitsOutOfRange.class, "no-tokens"),
            "maxOutputTokens 0 is out of range", "Use 1 to 1000000, e.g. maxOutputTokens = 512."),
        org.assertj.core.groups.Tuple.tuple(model(LimitsOutOfRange.class, "crowd"),
            "maxConcurrency 257 is out of range", "Use 1 to 256, e.g. maxConcurrency = 8."));
  }

  @StreamingJob("zero-concurrency")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini", maxConcurrency = 0)
  public static class ZeroConcurrency {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "chat", prompt = "Classify: {text}", labels = {"positive", "negative"})
    @Sink(console = true)
    public Scored score(In in, Label label) {
      return new Scored(in.user(), label.value());
    }
  }

  @Test
  void aBadLimitOnAModelInUseIsOneProblem() {
    JobProblem p = onlyProblem(ZeroConcurrency.class);
    assertThat(p.where()).isEqualTo(model(ZeroConcurrency.class, "chat"));
    assertThat(p.problem()).isEqualTo("maxConcurrency 0 is out of range");
  }

  @StreamingJob("timeout")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini", timeout = "30s")
  public static class TimeoutNotIso {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "chat", prompt = "Classify: {text}", labels = {"positive", "negative"})
    @Sink(console = true)
    public Scored score(In in, Label label) {
      return new Scored(in.user(), label.value());
    }
  }

  @Test
  void aTimeoutThatIsNotAnIsoDuration() {
    JobProblem p = onlyProblem(TimeoutNotIso.class);
    assertThat(p.where()).isEqualTo(model(TimeoutNotIso.class, "chat"));
    assertThat(p.problem()).contains("@Model(timeout) \"30s\" is not an ISO-8601 duration");
    assertThat(p.fix()).contains("\"PT30S\"");
  }

  @StreamingJob("durations")
  @Model(name = "zero-circuit", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini", circuitOpen = "PT0S")
  @Model(name = "negative-timeout", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini", timeout = "-PT1S")
  @Model(name = "keep", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini", keepResults = "8 days")
  public static class BadDurations {
    @Source(stream = "reviews") @Sink(console = true) public record In(String user, String text) {}
  }

  @Test
  void durationsThatAreNotPositiveOrNotDurations() {
    InvalidJobException thrown = failure(BadDurations.class);
    assertThat(thrown.problems()).extracting(JobProblem::where, JobProblem::problem).containsExactly(
        org.assertj.core.groups.Tuple.tuple(model(BadDurations.class, "zero-circuit"),
            "@Model(circuitOpen) \"PT0S\" is not positive"),
        org.assertj.core.groups.Tuple.tuple(model(BadDurations.class, "negative-timeout"),
            "@Model(timeout) \"-PT1S\" is negative"),
        org.assertj.core.groups.Tuple.tuple(model(BadDurations.class, "keep"),
            "@Model(keepResults) \"8 days\" is not an ISO-8601 duration"));
    assertThat(thrown.problems().get(2).fix()).contains("\"P8D\"");
  }

  @StreamingJob("keep")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini", keepResults = "PT12H")
  public static class KeepResultsUnderADay {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "chat", prompt = "Classify: {text}", labels = {"positive", "negative"})
    @Sink(console = true)
    public Scored score(In in, Label label) {
      return new Scored(in.user(), label.value());
    }
  }

  @Test
  void keepResultsShorterThanADay() {
    JobProblem p = onlyProblem(KeepResultsUnderADay.class);
    assertThat(p.where()).isEqualTo(model(KeepResultsUnderADay.class, "chat"));
    assertThat(p.problem()).contains("keepResults \"PT12H\" is shorter than a day");
    assertThat(p.fix()).contains("at least as long as the input stream keeps records", "\"P8D\"");
  }

  // ---- providers and tasks

  @StreamingJob("bedrock-embed")
  @Model(name = "titan", provider = Provider.BEDROCK, id = "amazon.titan-embed-text-v2:0")
  public static class EmbedWithBedrock {
    @Source(stream = "docs") public record In(String user, String text) {}

    @Embed(model = "titan", text = "{text}")
    @Sink(console = true)
    public Vector embed(In in, Embedding embedding) {
      return new Vector(in.user(), embedding.dimensions());
    }
  }

  @Test
  void embeddingWithABedrockModel() {
    JobProblem p = onlyProblem(EmbedWithBedrock.class);
    assertThat(p.where()).startsWith("InvalidInferenceJobsTest.EmbedWithBedrock.embed(");
    assertThat(p.problem()).contains("embeds with Bedrock model 'titan'", "Converse API", "no embeddings");
    assertThat(p.fix()).contains("Embed with an OPENAI_COMPATIBLE or IN_PROCESS model");
  }

  @StreamingJob("in-process-chat")
  @Model(name = "minilm", provider = Provider.IN_PROCESS, id = "all-minilm-l6-v2-q")
  public static class CompleteWithInProcess {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Complete(model = "minilm", prompt = "Judge: {text}")
    @Sink(console = true)
    public Judged judge(In in, Verdict verdict) {
      return new Judged(in.user(), verdict.ok());
    }
  }

  @StreamingJob("in-process-classify")
  @Model(name = "minilm", provider = Provider.IN_PROCESS, id = "all-minilm-l6-v2-q")
  public static class ClassifyWithInProcess {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "minilm", prompt = "Classify: {text}", labels = {"positive", "negative"})
    @Sink(console = true)
    public Scored score(In in, Label label) {
      return new Scored(in.user(), label.value());
    }
  }

  @Test
  void chatOrClassifyWithAnInProcessModel() {
    JobProblem complete = onlyProblem(CompleteWithInProcess.class);
    assertThat(complete.where()).startsWith("InvalidInferenceJobsTest.CompleteWithInProcess.judge(");
    assertThat(complete.problem()).contains("asks in-process model 'minilm' for a chat answer",
        "in-process models only embed");
    assertThat(complete.fix()).contains("Use @Embed with it", "OPENAI_COMPATIBLE or BEDROCK", "this @Complete");
    JobProblem classify = onlyProblem(ClassifyWithInProcess.class);
    assertThat(classify.where()).startsWith("InvalidInferenceJobsTest.ClassifyWithInProcess.score(");
    assertThat(classify.fix()).contains("this @Classify");
  }

  // ---- signatures

  @StreamingJob("arity")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class OneParameter {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "chat", prompt = "Classify: {text}", labels = {"positive", "negative"})
    @Sink(console = true)
    public Scored score(In in) {
      return new Scored(in.user(), "?");
    }
  }

  @StreamingJob("arity-3")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class ThreeParameters {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Complete(model = "chat", prompt = "Judge: {text}")
    @Sink(console = true)
    public Judged judge(In in, Verdict verdict, String extra) {
      return new Judged(in.user(), verdict.ok());
    }
  }

  @Test
  void theWrongNumberOfParameters() {
    JobProblem one = onlyProblem(OneParameter.class);
    assertThat(one.where()).isEqualTo("InvalidInferenceJobsTest.OneParameter.score(InvalidInferenceJobsTest"
        + ".OneParameter.In)");
    assertThat(one.problem()).contains("a @Classify takes the record and the model's answer, but this one takes 1"
        + " parameter(s)");
    assertThat(one.fix()).isEqualTo("Change the signature to R score(T in, Label label).");
    JobProblem three = onlyProblem(ThreeParameters.class);
    assertThat(three.problem()).contains("a @Complete takes", "this one takes 3 parameter(s)");
    assertThat(three.fix()).isEqualTo("Change the signature to R judge(T in, A answer).");
  }

  @StreamingJob("not-public")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class NotPublic {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "chat", prompt = "Classify: {text}", labels = {"positive", "negative"})
    @Sink(console = true)
    Scored score(In in, Label label) {
      return new Scored(in.user(), label.value());
    }
  }

  @Test
  void aMethodThatIsNotPublic() {
    JobProblem p = onlyProblem(NotPublic.class);
    assertThat(p.where()).startsWith("InvalidInferenceJobsTest.NotPublic.score(");
    assertThat(p.problem()).contains("operator method is not public");
    assertThat(p.fix()).contains("Make it public");
  }

  @StreamingJob("void")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class ReturnsNothing {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "chat", prompt = "Classify: {text}", labels = {"positive", "negative"})
    public void score(In in, Label label) {}
  }

  @StreamingJob("primitive")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class ReturnsAPrimitive {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "chat", prompt = "Classify: {text}", labels = {"positive", "negative"})
    @Sink(console = true)
    public boolean score(In in, Label label) {
      return label.is("positive");
    }
  }

  @Test
  void aMethodReturningNothingOrAPrimitive() {
    JobProblem p = onlyProblem(ReturnsNothing.class);
    assertThat(p.where()).startsWith("InvalidInferenceJobsTest.ReturnsNothing.score(");
    assertThat(p.problem()).contains("a @Classify returns the record it makes from the input and the answer, but"
        + " this one returns void");
    assertThat(p.fix()).contains("Return a record type", "R score(T in, Label label)");
    assertThat(onlyProblem(ReturnsAPrimitive.class).problem()).contains("this one returns boolean");
  }

  @StreamingJob("classify-string")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class ClassifyWithoutLabel {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "chat", prompt = "Classify: {text}", labels = {"positive", "negative"})
    @Sink(console = true)
    public Scored score(In in, String label) {
      return new Scored(in.user(), label);
    }
  }

  @Test
  void aClassifyWhoseSecondParameterIsNotALabel() {
    JobProblem p = onlyProblem(ClassifyWithoutLabel.class);
    assertThat(p.where()).isEqualTo("InvalidInferenceJobsTest.ClassifyWithoutLabel.score(InvalidInferenceJobsTest"
        + ".ClassifyWithoutLabel.In, String)");
    assertThat(p.problem()).contains("a @Classify's second parameter is the Label, not String");
    assertThat(p.fix()).isEqualTo("Change the signature to R score(T in, Label label).");
  }

  @StreamingJob("embed-floats")
  @Model(name = "minilm", provider = Provider.IN_PROCESS, id = "all-minilm-l6-v2-q")
  public static class EmbedWithoutEmbedding {
    @Source(stream = "docs") public record In(String user, String text) {}

    @Embed(model = "minilm", text = "{text}")
    @Sink(console = true)
    public Vector embed(In in, float[] vector) {
      return new Vector(in.user(), vector.length);
    }
  }

  @Test
  void anEmbedWhoseSecondParameterIsNotAnEmbedding() {
    JobProblem p = onlyProblem(EmbedWithoutEmbedding.class);
    assertThat(p.where()).endsWith(".embed(InvalidInferenceJobsTest.EmbedWithoutEmbedding.In, float[])");
    assertThat(p.problem()).contains("a @Embed's second parameter is the Embedding, not float[]");
    assertThat(p.fix()).isEqualTo("Change the signature to R embed(T in, Embedding embedding).");
  }

  // ---- answer types

  @StreamingJob("string-answer")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class StringAnswer {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Complete(model = "chat", prompt = "Judge: {text}")
    @Sink(console = true)
    public Judged judge(In in, String answer) {
      return new Judged(in.user(), answer.isEmpty());
    }
  }

  /** A class, not a record. */
  public static final class BeanVerdict {
    public boolean ok;
  }

  @StreamingJob("class-answer")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class ClassAnswer {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Complete(model = "chat", prompt = "Judge: {text}")
    @Sink(console = true)
    public Judged judge(In in, BeanVerdict answer) {
      return new Judged(in.user(), answer.ok);
    }
  }

  @Test
  void aCompleteWhoseAnswerIsNotARecord() {
    JobProblem p = onlyProblem(StringAnswer.class);
    assertThat(p.where()).startsWith("InvalidInferenceJobsTest.StringAnswer.judge(");
    assertThat(p.problem()).contains("the answer type String is not a record");
    assertThat(p.fix()).contains("Declare the answer as a record", "record Verdict(boolean compliant, String reason)");
    assertThat(onlyProblem(ClassAnswer.class).problem())
        .contains("the answer type InvalidInferenceJobsTest.BeanVerdict is not a record");
  }

  public record WithAMap(String reason, Map<String, String> extra) {}

  public record WithAnObject(String reason, Object thing) {}

  public record Inner(String name, java.time.Instant at) {}

  public record WithABadInnerRecord(List<Inner> items) {}

  public record Tree(String name, List<Tree> children) {}

  @StreamingJob("map-answer")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class MapInAnswer {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Complete(model = "chat", prompt = "Judge: {text}")
    @Sink(console = true)
    public Judged judge(In in, WithAMap answer) {
      return new Judged(in.user(), true);
    }
  }

  @StreamingJob("object-answer")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class ObjectInAnswer {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Complete(model = "chat", prompt = "Judge: {text}")
    @Sink(console = true)
    public Judged judge(In in, WithAnObject answer) {
      return new Judged(in.user(), true);
    }
  }

  @StreamingJob("inner-answer")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class BadInnerRecordInAnswer {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Complete(model = "chat", prompt = "Judge: {text}")
    @Sink(console = true)
    public Judged judge(In in, WithABadInnerRecord answer) {
      return new Judged(in.user(), true);
    }
  }

  @StreamingJob("tree-answer")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class RecursiveAnswer {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Complete(model = "chat", prompt = "Judge: {text}")
    @Sink(console = true)
    public Judged judge(In in, Tree answer) {
      return new Judged(in.user(), true);
    }
  }

  @Test
  void anAnswerRecordWithAFieldNoJsonSchemaDescribes() {
    JobProblem map = onlyProblem(MapInAnswer.class);
    assertThat(map.where()).startsWith("InvalidInferenceJobsTest.MapInAnswer.judge(");
    assertThat(map.problem()).contains("the answer type InvalidInferenceJobsTest.WithAMap cannot be a JSON schema:",
        "field 'extra' has type java.util.Map<java.lang.String, java.lang.String>");
    assertThat(map.fix()).contains("Use records, String, numbers, boolean, enums and List<...> of these");
    assertThat(onlyProblem(ObjectInAnswer.class).problem()).contains("field 'thing' has type Object");
    assertThat(onlyProblem(BadInnerRecordInAnswer.class).problem()).contains("field 'at' has type Instant");
    assertThat(onlyProblem(RecursiveAnswer.class).problem()).contains("record Tree contains itself");
  }

  @StreamingJob("output")
  @Model(name = "judge", provider = Provider.BEDROCK, id = "anthropic.claude-3-haiku-20240307-v1:0",
      output = Verdict.class)
  public static class OutputMismatch {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Complete(model = "judge", prompt = "Judge: {text}")
    @Sink(console = true)
    public Judged judge(In in, OtherVerdict answer) {
      return new Judged(in.user(), answer.ok());
    }
  }

  @Test
  void aModelOutputOtherThanTheAnswerType() {
    JobProblem p = onlyProblem(OutputMismatch.class);
    assertThat(p.where()).startsWith("InvalidInferenceJobsTest.OutputMismatch.judge(");
    assertThat(p.problem()).contains("its answer parameter is InvalidInferenceJobsTest.OtherVerdict, but model"
        + " 'judge' declares output InvalidInferenceJobsTest.Verdict");
    assertThat(p.fix()).contains("Take InvalidInferenceJobsTest.Verdict as the answer, or change the model's output");
  }

  @StreamingJob("output-map")
  @Model(name = "judge", provider = Provider.BEDROCK, id = "anthropic.claude-3-haiku-20240307-v1:0",
      output = WithAMap.class)
  public static class UndescribableModelOutput {
    @Source(stream = "reviews") @Sink(console = true) public record In(String user, String text) {}
  }

  @Test
  void aModelOutputNoJsonSchemaDescribes() {
    JobProblem p = onlyProblem(UndescribableModelOutput.class);
    assertThat(p.where()).isEqualTo(model(UndescribableModelOutput.class, "judge") + " output");
    assertThat(p.problem()).contains("field 'extra' has type java.util.Map");
  }

  // ---- labels

  @StreamingJob("no-labels")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class NoLabels {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "chat", prompt = "Classify: {text}", labels = {})
    @Sink(console = true)
    public Scored score(In in, Label label) {
      return new Scored(in.user(), label.value());
    }
  }

  @StreamingJob("twice-labels")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class DuplicateLabels {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "chat", prompt = "Classify: {text}", labels = {"positive", "negative", "positive"})
    @Sink(console = true)
    public Scored score(In in, Label label) {
      return new Scored(in.user(), label.value());
    }
  }

  @StreamingJob("blank-labels")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class BlankLabel {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "chat", prompt = "Classify: {text}", labels = {"positive", " "})
    @Sink(console = true)
    public Scored score(In in, Label label) {
      return new Scored(in.user(), label.value());
    }
  }

  @Test
  void labelsThatAreEmptyRepeatedOrBlank() {
    for (Class<?> job : List.of(NoLabels.class, DuplicateLabels.class, BlankLabel.class)) {
      JobProblem p = onlyProblem(job);
      assertThat(p.where()).startsWith("InvalidInferenceJobsTest." + job.getSimpleName() + ".score(");
      assertThat(p.problem()).contains("are not a set of distinct, non-blank labels");
      assertThat(p.fix()).contains("List each label once", "labels = {\"positive\", \"neutral\", \"negative\"}");
    }
    assertThat(onlyProblem(NoLabels.class).problem()).contains("labels []");
    assertThat(onlyProblem(DuplicateLabels.class).problem()).contains("labels [positive, negative, positive]");
  }

  // ---- prompt templates

  @StreamingJob("unknown-field")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class UnknownPromptField {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "chat", prompt = "Classify {text} by {nope}", labels = {"positive", "negative"})
    @Sink(console = true)
    public Scored score(In in, Label label) {
      return new Scored(in.user(), label.value());
    }
  }

  @Test
  void aPromptFieldTheInputRecordDoesNotHave() {
    JobProblem p = onlyProblem(UnknownPromptField.class);
    assertThat(p.where()).startsWith("InvalidInferenceJobsTest.UnknownPromptField.score(");
    assertThat(p.problem()).contains("its prompt uses {nope}, but InvalidInferenceJobsTest.UnknownPromptField.In has"
        + " no field 'nope'");
    assertThat(p.fix()).isEqualTo("Use one of [user, text].");
  }

  @StreamingJob("unknown-text-field")
  @Model(name = "minilm", provider = Provider.IN_PROCESS, id = "all-minilm-l6-v2-q")
  public static class UnknownTextField {
    @Source(stream = "docs") public record In(String user, String text) {}

    @Embed(model = "minilm", text = "{body}")
    @Sink(console = true)
    public Vector embed(In in, Embedding embedding) {
      return new Vector(in.user(), embedding.dimensions());
    }
  }

  @Test
  void anEmbedTextFieldTheInputRecordDoesNotHave() {
    JobProblem p = onlyProblem(UnknownTextField.class);
    assertThat(p.problem()).contains("its text uses {body}", "has no field 'body'");
    assertThat(p.fix()).isEqualTo("Use one of [user, text].");
  }

  @StreamingJob("unclosed")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class UnclosedBrace {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Complete(model = "chat", prompt = "Judge {text")
    @Sink(console = true)
    public Judged judge(In in, Verdict verdict) {
      return new Judged(in.user(), verdict.ok());
    }
  }

  @StreamingJob("stray")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class StrayBrace {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Complete(model = "chat", prompt = "Answer {\"ok\": true} for {text}")
    @Sink(console = true)
    public Judged judge(In in, Verdict verdict) {
      return new Judged(in.user(), verdict.ok());
    }
  }

  @Test
  void aMalformedPromptTemplate() {
    JobProblem p = onlyProblem(UnclosedBrace.class);
    assertThat(p.where()).startsWith("InvalidInferenceJobsTest.UnclosedBrace.judge(");
    assertThat(p.problem()).isEqualTo("its prompt template is malformed: the '{' at position 6 is never closed");
    assertThat(p.fix()).isEqualTo("Write fields as {field}, and a literal brace as {{} or {}}.");
    assertThat(onlyProblem(StrayBrace.class).problem())
        .isEqualTo("its prompt template is malformed: the placeholder '{\"ok\": true}' at position 7 is not a field"
            + " name");
  }

  @StreamingJob("empty-prompt")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class EmptyPrompt {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Complete(model = "chat", prompt = " ")
    @Sink(console = true)
    public Judged judge(In in, Verdict verdict) {
      return new Judged(in.user(), verdict.ok());
    }
  }

  @Test
  void anEmptyPrompt() {
    JobProblem p = onlyProblem(EmptyPrompt.class);
    assertThat(p.problem()).isEqualTo("its prompt is empty");
    assertThat(p.fix()).contains("with the record's fields as {field}");
  }

  // ---- no model call after state in one stage

  @StreamingJob("after-process")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class ClassifyAfterProcess {
    @Source(stream = "reviews") @KeyBy("user") public record In(String user, String text) {}

    public record Counted(String user, String text, long n) {}

    @KeyedProcess(from = "reviews")
    public Counted remember(In in, @State("n") ValueState<Long> n) {
      long next = n.value() == null ? 1 : n.value() + 1;
      n.update(next);
      return new Counted(in.user(), in.text(), next);
    }

    @Classify(model = "chat", from = "remember", prompt = "Classify: {text}", labels = {"positive", "negative"})
    @Sink(console = true)
    public Scored score(Counted in, Label label) {
      return new Scored(in.user(), label.value());
    }
  }

  @Test
  void aModelCallReadingAStatefulOperatorOfItsStage() {
    JobProblem p = onlyProblem(ClassifyAfterProcess.class);
    assertThat(p.where()).isEqualTo("InvalidInferenceJobsTest.ClassifyAfterProcess.score(InvalidInferenceJobsTest"
        + ".ClassifyAfterProcess.Counted, Label)");
    assertThat(p.problem()).isEqualTo("calls a model in the same stage as stateful operator 'remember', which it"
        + " reads");
    assertThat(p.fix()).contains("add @KeyBy(\"field\") to 'remember'", "so the model is called in the next stage",
        "or call the model before 'remember'");
  }

  @StreamingJob("after-process-map")
  @Model(name = "minilm", provider = Provider.IN_PROCESS, id = "all-minilm-l6-v2-q")
  public static class EmbedAfterProcessAndMap {
    @Source(stream = "reviews") @KeyBy("user") public record In(String user, String text) {}

    public record Counted(String user, String text, long n) {}

    public record Trimmed(String user, String text) {}

    @KeyedProcess(from = "reviews")
    public Counted remember(In in, @State("n") ValueState<Long> n) {
      return new Counted(in.user(), in.text(), 1);
    }

    @dev.runnel.api.MapEach(from = "remember")
    public Trimmed trim(Counted in) {
      return new Trimmed(in.user(), in.text().trim());
    }

    @Embed(model = "minilm", from = "trim", text = "{text}")
    @Sink(console = true)
    public Vector embed(Trimmed in, Embedding embedding) {
      return new Vector(in.user(), embedding.dimensions());
    }
  }

  @Test
  void aModelCallReadingAStatefulOperatorThroughAStatelessOne() {
    JobProblem p = onlyProblem(EmbedAfterProcessAndMap.class);
    assertThat(p.where()).startsWith("InvalidInferenceJobsTest.EmbedAfterProcessAndMap.embed(");
    assertThat(p.problem()).isEqualTo("calls a model in the same stage as stateful operator 'remember', which it"
        + " reads");
    assertThat(p.fix()).contains("add @KeyBy(\"field\") to 'trim' (or to the operator after 'remember')");
  }

  @StreamingJob("after-window")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class ClassifyAfterWindow {
    @Source(stream = "reviews") @EventTime(field = "at") @KeyBy("user") public record In(String user, String text,
        long at) {}

    public record Count(String user, long reviews) {}

    @Window(from = "reviews", size = "PT1M")
    @Aggregate
    public Count perMinute(Windowed<Long> window) {
      return new Count(window.key(), window.value());
    }

    @Classify(model = "chat", from = "perMinute", prompt = "Is {reviews} reviews a minute by {user} a lot?",
        labels = {"yes", "no"})
    @Sink(console = true)
    public Scored busy(Count in, Label label) {
      return new Scored(in.user(), label.value());
    }
  }

  @Test
  void aModelCallReadingAWindowOfItsStage() {
    JobProblem p = onlyProblem(ClassifyAfterWindow.class);
    assertThat(p.where()).startsWith("InvalidInferenceJobsTest.ClassifyAfterWindow.busy(");
    assertThat(p.problem()).isEqualTo("calls a model in the same stage as window 'perMinute', which it reads");
    assertThat(p.fix()).contains("add @KeyBy(\"field\") to 'perMinute'", "so the model is called in the next stage");
  }

  @StreamingJob("aggregate")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class AggregateOnInference {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "chat", prompt = "Classify: {text}", labels = {"positive", "negative"})
    @Aggregate
    @Sink(console = true)
    public Scored score(In in, Label label) {
      return new Scored(in.user(), label.value());
    }
  }

  @Test
  void anAggregateOnAnInferenceOperator() {
    JobProblem p = onlyProblem(AggregateOnInference.class);
    assertThat(p.problem()).contains("has @Aggregate, which only a @Window method takes");
    assertThat(p.fix()).isEqualTo("Remove @Aggregate.");
  }

  @StreamingJob("two-kinds")
  @Model(name = "chat", provider = Provider.OPENAI_COMPATIBLE, id = "gpt-4o-mini")
  public static class ClassifyAndComplete {
    @Source(stream = "reviews") public record In(String user, String text) {}

    @Classify(model = "chat", prompt = "Classify: {text}", labels = {"positive", "negative"})
    @Complete(model = "chat", prompt = "Judge: {text}")
    @Sink(console = true)
    public Scored score(In in, Label label) {
      return new Scored(in.user(), label.value());
    }
  }

  @Test
  void twoInferenceAnnotationsOnOneMethod() {
    JobProblem p = onlyProblem(ClassifyAndComplete.class);
    assertThat(p.problem()).contains("has more than one of", "@Complete, @Classify and @Embed");
    assertThat(p.fix()).contains("Keep one");
  }
}
