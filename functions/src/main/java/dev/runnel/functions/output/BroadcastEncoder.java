package dev.runnel.functions.output;

import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.deadletter.StepFailure;

/**
 * Encodes the records of a broadcast output (docs/broadcast.md): JSON tagged {@code broadcast}, as one
 * {@link StreamRecord} marked {@link StreamRecord#EVERY_SHARD}, which the commit copies to every open shard of the
 * stream. Its partition key is the input record's until the record's identity replaces it.
 *
 * @param stream the encoder of the tagged JSON, reusing the input's partition key
 */
public record BroadcastEncoder(StreamEncoder stream) implements OutputEncoder {
  @Override
  public String name() {
    return stream.name();
  }

  @Override
  public String from() {
    return stream.from();
  }

  @Override
  public Emission encode(Object record, InputRecord input) throws StepFailure {
    StreamRecord encoded = (StreamRecord) stream.encode(record, input);
    return encoded.copyTo(StreamRecord.EVERY_SHARD);
  }
}
