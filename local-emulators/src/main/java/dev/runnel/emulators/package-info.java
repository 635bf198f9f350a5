/**
 * Real AWS API emulators on loopback for local runs and tests: {@link dev.runnel.emulators.DynamoDbLocal} runs
 * DynamoDB Local in process, {@link dev.runnel.emulators.KinesisLocal} runs the npm package kinesis-local as a child
 * process that never outlives the JVM, not even a {@code kill -9} of it, and {@link dev.runnel.emulators.MotoServer}
 * runs moto_server (CloudFormation, IAM, Lambda's control plane, SQS, SSM, Secrets Manager) as another. DynamoDB
 * Local and kinesis-local keep their data in memory, or in a directory where a later start finds it
 * (docs/local-runs.md).
 */
package dev.runnel.emulators;
