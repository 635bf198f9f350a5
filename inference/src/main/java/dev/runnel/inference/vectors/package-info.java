/**
 * Nearest-neighbour search over embeddings: {@link dev.runnel.inference.vectors.VectorIndex} in memory by cosine
 * similarity, saved to and loaded from a file, and {@link dev.runnel.inference.vectors.DynamoDbVectors} filling one
 * from a table sink of embeddings.
 */
package dev.runnel.inference.vectors;
