package dev.runnel.bench.coldstart;

/**
 * What one probe JVM measured.
 *
 * @param wallMs         from spawning the JVM to its exit, as the parent saw it
 * @param initMs         the handler's constructor
 * @param invokeMs       deserializing the event and handling it
 * @param sinceJvmStart  from the JVM's start to the end of the invocation, as the JVM saw it
 */
record ColdStartRun(double wallMs, double initMs, double invokeMs, double sinceJvmStart) {}
