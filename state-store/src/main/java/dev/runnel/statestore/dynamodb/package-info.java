/**
 * The state store on one DynamoDB table: strongly consistent BatchGetItem loads, one conditional PutItem or DeleteItem
 * per key (a TransactWriteItems for values over 400 KB), throttling retried with jittered backoff.
 */
package dev.runnel.statestore.dynamodb;
