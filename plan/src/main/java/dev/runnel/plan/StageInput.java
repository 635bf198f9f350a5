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
 * @param ids       the id field of a source's records, or null (not a source, or every record distinct)
 */
public record StageInput(String stream, String node, String type, String codec, EventTimeSpec eventTime,
    SourceIdSpec ids) {
  /** An input without event time. */
  public StageInput(String stream, String node, String type, String codec) {
    this(stream, node, type, codec, null, null);
  }

  /** An input without an id field. */
  public StageInput(String stream, String node, String type, String codec, EventTimeSpec eventTime) {
    this(stream, node, type, codec, eventTime, null);
  }

  public StageInput {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(codec, "codec");
  }
}
