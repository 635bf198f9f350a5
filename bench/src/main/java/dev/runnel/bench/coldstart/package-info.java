/**
 * The cold-start benchmark: a fresh JVM per run, like a new Lambda environment, initialises one handler and hands it
 * one 100-record Kinesis batch. {@link dev.runnel.bench.coldstart.ColdStartBench} compares Runnel's
 * {@code StageHandler} with two plain aws-lambda-java-core handlers in interleaved rounds.
 */
package dev.runnel.bench.coldstart;
