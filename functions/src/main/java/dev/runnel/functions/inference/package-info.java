/**
 * Inference operators in a stage (docs/inference.md): before a batch runs through the operators, the
 * {@link dev.runnel.functions.inference.InferencePhase} renders every record's prompts, reads the answers stored by
 * earlier attempts, asks the model for the rest and stores each answer as it arrives; the
 * {@link dev.runnel.functions.inference.InferenceOperator} then only looks the answer up, so a replay never calls the
 * model again.
 */
package dev.runnel.functions.inference;
