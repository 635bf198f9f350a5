package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * Where a stage reads from.
 *
 * @param stream the stream name
 * @param node   the job node whose records the stream carries: a source stream's name or the upstream operator
 * @param type   the fully qualified class of the records
 * @param codec  "json" or the fully qualified class of a user codec
 * @param eventTime where a source's records carry their event time, or null (not a source, or no event time)
 * @param decoding whether the JSON codec refuses values of the wrong type (strict, the default; absent from the JSON
 *                 plan) or converts them
 * @param ids       the id field of a source's records, or null (not a source, or every record distinct)
 */
public record StageInput(String stream, String node, String type, String codec, EventTimeSpec eventTime,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = DecodingMode.OmitStrict.class)
    DecodingMode decoding, SourceIdSpec ids) {
  /** An input without event time or id field, decoded strictly. */
  public StageInput(String stream, String node, String type, String codec) {
    this(stream, node, type, codec, null, DecodingMode.STRICT, null);
  }

  /** An input without an id field, decoded strictly. */
  public StageInput(String stream, String node, String type, String codec, EventTimeSpec eventTime) {
    this(stream, node, type, codec, eventTime, DecodingMode.STRICT, null);
  }

  /** An input without an id field. */
  public StageInput(String stream, String node, String type, String codec, EventTimeSpec eventTime,
      DecodingMode decoding) {
    this(stream, node, type, codec, eventTime, decoding, null);
  }

  /** An input decoded strictly. */
  public StageInput(String stream, String node, String type, String codec, EventTimeSpec eventTime,
      SourceIdSpec ids) {
    this(stream, node, type, codec, eventTime, DecodingMode.STRICT, ids);
  }

  public StageInput {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(codec, "codec");
    decoding = decoding == null ? DecodingMode.STRICT : decoding;
  }
}
