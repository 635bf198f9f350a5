/**
 * The user-facing API of Runnel: a streaming job is a class annotated with {@link dev.runnel.api.StreamingJob},
 * whose nested {@link dev.runnel.api.Source} records name input streams and whose {@link dev.runnel.api.Filter},
 * {@link dev.runnel.api.MapEach} and {@link dev.runnel.api.FlatMap} methods form the pipeline. {@link dev.runnel.api.KeyBy}
 * repartitions, {@link dev.runnel.api.KeyedProcess} keeps keyed state, {@link dev.runnel.api.Sink} writes results out.
 *
 * <p>Nothing here depends on AWS or on any library: the planner reads these annotations without running user code,
 * and the function runtime calls the annotated methods.
 */
package dev.runnel.api;
