/** A state store in memory, for fast tests: the same contract and the same request accounting as DynamoDB's. */
package dev.runnel.statestore.memory;
