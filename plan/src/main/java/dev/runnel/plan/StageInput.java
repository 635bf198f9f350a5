package dev.runnel.plan;

import java.util.Objects;

/**
 * Where a stage reads from.
 *
 * @param stream the stream name
 * @param node   the job node whose records the stream carries: a source stream's name or the upstream operator
 * @param type   the fully qualified class of the records
 * @param codec  "json" or the fully qualified class of a user codec
 * @param eventTime where a source's records carry their event time, or null (not a source, or no event time)
 */
public record StageInput(String stream, String node, String type, String codec, EventTimeSpec eventTime) {
  /** An input without event time. */
  public StageInput(String stream, String node, String type, String codec) {
    this(stream, node, type, codec, null);
  }

  public StageInput {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(codec, "codec");
  }
}
