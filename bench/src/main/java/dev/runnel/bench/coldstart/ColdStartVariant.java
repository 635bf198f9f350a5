package dev.runnel.bench.coldstart;

import java.util.Map;

/**
 * One handler measured by the benchmark.
 *
 * @param label        how the report names it
 * @param handlerClass the class the probe JVM instantiates
 * @param environment  extra environment of the probe JVM (the function's configuration)
 */
record ColdStartVariant(String label, String handlerClass, Map<String, String> environment) {}
