package dev.runnel.functions.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.functions.batch.InputRecord;
import dev.runnel.inference.secrets.ResolvedSecrets;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The functions' log lines: one JSON object per line with the invocation's fields, at the level the environment sets,
 * and no secret in any of them, in messages, causes, suppressed exceptions and frames alike.
 */
class JsonLogLinesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String SESSION_TOKEN = "FwoGZXIvYXdzEBYaDHhSZXNzaW9uVG9rZW4EXAMPLE";
  private static final String MODEL_KEY = "sk-proj-abcdefghijklmnop1234567890";
  private static final String APP_SECRET = "pa\"ss\\word-with-quote-42";
  private static final String SSM_SECRET = "resolved-from-ssm-7f3a9c";
  private static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private Logger logger(Map<String, String> environment) {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setOutputStream(out);
    JsonLogConfigurator.install(context, environment, appender);
    return context.getLogger("dev.runnel.test");
  }

  private static Map<String, String> environment(String level) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_REGION", "eu-west-1");
    env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    env.put("AWS_SESSION_TOKEN", SESSION_TOKEN);
    env.put("OPENAI_API_KEY", MODEL_KEY);
    env.put("SHOP_DB_PASSWORD", APP_SECRET);
    if (level != null) {
      env.put(JsonLogConfigurator.LEVEL, level);
    }
    return env;
  }

  private List<JsonNode> lines() throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  @Test
  void aLineIsOneJsonObjectCarryingTheInvocation() throws Exception {
    Logger log = logger(environment(null));
    InvocationLog invocation = new InvocationLog("shop", "shop-2");
    List<InputRecord> batch = List.of(new InputRecord("shardId-000000000003", "4950001", "k", new byte[0]),
        new InputRecord("shardId-000000000003", "4950009", "k", new byte[0]));
    try (InvocationLog.Scope scope = invocation.open(batch, "req-0001")) {
      log.warn("slow write of {} items", 25);
    }
    log.warn("after the invocation");

    List<JsonNode> lines = lines();
    assertThat(lines).hasSize(2);
    JsonNode line = lines.get(0);
    assertThat(line.get("level").asText()).isEqualTo("WARN");
    assertThat(line.get("formattedMessage").asText()).isEqualTo("slow write of 25 items");
    assertThat(line.get("timestamp").isIntegralNumber()).isTrue();
    JsonNode mdc = line.get("mdc");
    assertThat(mdc.get("job").asText()).isEqualTo("shop");
    assertThat(mdc.get("stage").asText()).isEqualTo("shop-2");
    assertThat(mdc.get("shard").asText()).isEqualTo("shardId-000000000003");
    assertThat(mdc.get("sequenceFrom").asText()).isEqualTo("4950001");
    assertThat(mdc.get("sequenceTo").asText()).isEqualTo("4950009");
    assertThat(mdc.get("attempt").asText()).isEqualTo("1");
    assertThat(mdc.get("requestId").asText()).isEqualTo("req-0001");
    assertThat(lines.get(1).get("mdc").size()).as("cleared after the invocation").isZero();
  }

  @Test
  void theSameBatchAgainIsTheNextAttempt() throws Exception {
    Logger log = logger(environment(null));
    InvocationLog invocation = new InvocationLog("shop", "shop-2");
    List<InputRecord> batch = List.of(new InputRecord("shardId-000000000003", "4950001", "k", new byte[0]));
    for (int i = 0; i < 2; i++) {
      try (InvocationLog.Scope scope = invocation.open(batch, "req-" + i)) {
        log.info("try");
      }
    }
    assertThat(lines()).extracting(l -> l.at("/mdc/attempt").asText()).containsExactly("1", "2");
  }

  @Test
  void theLevelComesFromTheEnvironment() throws Exception {
    Logger quiet = logger(environment(null));
    quiet.debug("hidden");
    quiet.info("shown");
    assertThat(lines()).extracting(l -> l.get("formattedMessage").asText()).containsExactly("shown");

    out.reset();
    Logger verbose = logger(environment("debug"));
    verbose.debug("now shown");
    assertThat(lines()).extracting(l -> l.get("formattedMessage").asText()).containsExactly("now shown");

    out.reset();
    Logger wrong = logger(environment("LOUD"));
    wrong.debug("hidden");
    assertThat(lines()).singleElement().satisfies(l -> assertThat(l.get("formattedMessage").asText())
        .contains("RUNNEL_LOG_LEVEL", "'LOUD'", "logging at INFO"));
  }

  @Test
  void noSecretReachesALineInMessagesCausesOrFrames() throws Exception {
    ResolvedSecrets.remember(SSM_SECRET);
    Logger log = logger(environment("TRACE"));
    List<String> secrets = List.of(SECRET_KEY, SESSION_TOKEN, MODEL_KEY, APP_SECRET, SSM_SECRET, ACCESS_KEY_ID);
    IllegalStateException failure = new IllegalStateException("model call failed with Authorization: Bearer "
        + MODEL_KEY + " and key " + SSM_SECRET, new RuntimeException("signed with " + ACCESS_KEY_ID + "/"
        + SECRET_KEY + " token " + SESSION_TOKEN));
    failure.addSuppressed(new InternalError("db password " + APP_SECRET));
    log.error("batch failed for key {}", MODEL_KEY, failure);
    log.info("credentials: {} {} {}", SECRET_KEY, SESSION_TOKEN, APP_SECRET);
    log.debug("resolved {}", SSM_SECRET);

    String text = out.toString(StandardCharsets.UTF_8);
    List<JsonNode> lines = lines();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0).get("throwable").toString()).as("the stack trace is there, masked")
        .contains("IllegalStateException", "RuntimeException", "InternalError", LogRedaction.MASK);
    for (String secret : secrets) {
      assertThat(text).as("a secret in a log line").doesNotContain(secret);
      assertThat(text).as("a secret as logback escapes it").doesNotContain(
          ch.qos.logback.core.encoder.JsonEscapeUtil.jsonEscapeString(secret));
    }
    for (JsonNode line : lines) {
      for (String secret : secrets) {
        assertThat(line.toString()).doesNotContain(secret);
      }
    }
  }

  @Test
  void theFunctionsLoggerIsThisConfiguration() {
    Logger log = LoggerFactory.getLogger(JsonLogLinesTest.class);
    assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(LoggerContext.class);
    assertThat(((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME)
        .getAppender("json")).as("installed by JsonLogConfigurator through logback's service loader").isNotNull();
    log.info("a line");
  }
}
