/**
 * How a keyed state is laid out in DynamoDB items, and what those items cost: one item per key, or for a state over
 * the 400 KB item limit a head item and chunk items written in one transaction. Plain Java, no AWS SDK.
 */
package dev.runnel.statestore.item;
