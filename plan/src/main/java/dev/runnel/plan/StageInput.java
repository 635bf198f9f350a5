package dev.runnel.plan;

import java.util.Objects;

/**
 * Where a stage reads from.
 *
 * @param stream the stream name
 * @param node   the job node whose records the stream carries: a source stream's name or the upstream operator
 * @param type   the fully qualified class of the records
 * @param codec  "json" or the fully qualified class of a user codec
 */
public record StageInput(String stream, String node, String type, String codec) {
  public StageInput {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(codec, "codec");
  }
}
