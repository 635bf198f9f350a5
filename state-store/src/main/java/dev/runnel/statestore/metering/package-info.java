/**
 * What state-store operations cost: DynamoDB requests by kind, consumed read and write units, items and conflicts,
 * counted by both stores so that the exactly-once budgets can be asserted in tests.
 */
package dev.runnel.statestore.metering;
