package dev.runnel.api.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a model the job calls, on the job class (repeatable). Inference operators name it in their
 * {@code model}. The API key is never written here: {@link #apiKey()} says where it is read at run time.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Models.class)
public @interface Model {
  /** The model's name in the job: lower-case letters, digits and '-'. */
  String name();

  /** Where it runs. */
  Provider provider();

  /** The provider's model id, e.g. "gpt-4o-mini", "anthropic.claude-3-haiku-20240307-v1:0", "all-minilm-l6-v2-q". */
  String id();

  /** The version pinned; stored answers are keyed by it, so a new version is asked afresh. Empty: the id. */
  String version() default "";

  /**
   * The base URL: for OpenAI-compatible servers up to {@code /v1} (default https://api.openai.com/v1); for Bedrock an
   * endpoint override (default the region's). A deployment overrides it with {@code RUNNEL_MODEL_<NAME>_ENDPOINT}.
   */
  String endpoint() default "";

  /** Bedrock: the AWS region; empty for the function's own. */
  String region() default "";

  /** Where the API key comes from: "env:NAME", "ssm:/parameter/name" or "secretsmanager:secret-id"; empty: none. */
  String apiKey() default "";

  /** The system prompt of every chat and classify request. */
  String systemPrompt() default "";

  /** The record a {@link Complete} answer is parsed into (its output schema); void: the operator's answer type. */
  Class<?> output() default void.class;

  /**
   * Requests in flight at once in one function instance. For an {@code IN_PROCESS} model 1 is usually fastest: the
   * model already uses every core for each batch ({@code bench/embeddings}).
   */
  int maxConcurrency() default 8;

  /** Requests per minute across every instance of the job; 0: no limit. */
  int requestsPerMinute() default 0;

  /** Tokens per minute across every instance (prompt estimate plus maxOutputTokens); 0: no limit. */
  long tokensPerMinute() default 0;

  /** How long one attempt may take, ISO-8601. */
  String timeout() default "PT30S";

  /** Retries after the first attempt before the record goes to the dead letters. */
  int maxRetries() default 4;

  /** The most tokens an answer may have. */
  int maxOutputTokens() default 512;

  /** Texts per embeddings request. */
  int batchSize() default 32;

  /** How long the circuit stays open once the endpoint failed repeatedly, ISO-8601. */
  String circuitOpen() default "PT30S";

  /** How long answers are kept for replays, ISO-8601; at least the input stream's retention. */
  String keepResults() default "P8D";
}
