package dev.runnel.functions.output;

import java.util.Objects;

/**
 * A record for a Kinesis stream (a repartition stream or a stream sink).
 *
 * @param output       the output's name
 * @param stream       the stream to put it on
 * @param partitionKey its partition key
 * @param data         its JSON bytes; not copied
 */
public record StreamRecord(String output, String stream, String partitionKey, byte[] data) implements Emission {
  public StreamRecord {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(data, "data");
  }
}
