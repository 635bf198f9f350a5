package dev.runnel.functions.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Configures logback in a function, in code (logback finds it through {@code META-INF/services}; no XML is parsed at
 * cold start): one JSON line per event on standard output, which Lambda sends to the function's log group, secrets
 * masked ({@link RedactingJsonEncoder}), at the level {@value #LEVEL} names ({@code INFO} when unset).
 */
public final class JsonLogConfigurator extends ContextAwareBase implements Configurator {
  /** The environment variable holding the level: ERROR, WARN, INFO, DEBUG or TRACE. */
  public static final String LEVEL = "RUNNEL_LOG_LEVEL";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
    stdout.setName("json");
    install(context, System.getenv(), stdout);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Sends every event of {@code context} to {@code appender} as configured by {@code environment}. */
  static void install(LoggerContext context, Map<String, String> environment,
      OutputStreamAppender<ILoggingEvent> appender) {
    RedactingJsonEncoder encoder = new RedactingJsonEncoder(LogRedaction.of(environment));
    encoder.setContext(context);
    encoder.start();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.addAppender(appender);
    String named = environment.get(LEVEL);
    Level level = named == null || named.isBlank() ? Level.INFO : Level.toLevel(named.trim(), null);
    root.setLevel(level == null ? Level.INFO : level);
    if (level == null) {
      root.warn("environment variable {} is '{}', not a level; logging at INFO. Set it to ERROR, WARN, INFO, DEBUG or"
          + " TRACE", LEVEL, named);
    }
  }
}
