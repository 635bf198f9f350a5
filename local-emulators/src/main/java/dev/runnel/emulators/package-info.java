/**
 * Real AWS API emulators on loopback for local runs and tests: {@link dev.runnel.emulators.DynamoDbLocal} runs
 * DynamoDB Local in process, {@link dev.runnel.emulators.KinesisLocal} runs the npm package kinesis-local as a child
 * process that never outlives the JVM, and {@link dev.runnel.emulators.MotoServer} runs moto_server (CloudFormation,
 * IAM, Lambda's control plane, SQS, SSM, Secrets Manager) as another.
 */
package dev.runnel.emulators;
