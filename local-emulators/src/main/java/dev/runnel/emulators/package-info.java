/**
 * Real AWS API emulators on loopback for local runs and tests: {@link dev.runnel.emulators.DynamoDbLocal} runs
 * DynamoDB Local in process, {@link dev.runnel.emulators.KinesisLocal} runs the npm package kinesis-local as a child
 * process that never outlives the JVM.
 */
package dev.runnel.emulators;
