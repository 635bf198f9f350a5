/**
 * Models inside a stream. Declare a model once on the job class with {@link dev.runnel.api.model.Model} (like Flink's
 * CREATE MODEL), then call it per record with {@link dev.runnel.api.model.Complete} (structured chat),
 * {@link dev.runnel.api.model.Classify} (a fixed label set) or {@link dev.runnel.api.model.Embed} (like ML_PREDICT).
 * Each record's answer is obtained once and stored; replays and retries reuse it (docs/inference.md).
 */
package dev.runnel.api.model;
