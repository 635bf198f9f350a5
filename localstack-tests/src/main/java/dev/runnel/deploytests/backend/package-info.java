/** Where a deployment test runs: the emulators (moto, DynamoDB Local, kinesis-local) or LocalStack. */
package dev.runnel.deploytests.backend;
