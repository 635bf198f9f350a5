/**
 * The functions' log lines: JSON through logback ({@link dev.runnel.functions.logging.JsonLogConfigurator}, found by
 * logback's service loader, no XML), with the invocation's job, stage, shard, sequence range, attempt and request id in
 * the MDC ({@link dev.runnel.functions.logging.InvocationLog}), and every secret the process knows masked
 * ({@link dev.runnel.functions.logging.LogRedaction}). Logback is in the Lambda package only; elsewhere the classes here
 * are never loaded, and {@code InvocationLog} needs nothing but the SLF4J API.
 */
package dev.runnel.functions.logging;
