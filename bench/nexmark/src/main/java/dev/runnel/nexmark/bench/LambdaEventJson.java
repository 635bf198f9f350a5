package dev.runnel.nexmark.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The event Lambda's Kinesis event source mapping sends for a batch of one shard, as JSON: what the service builds,
 * not the function's work. {@link EventParser} parses it as a function would.
 */
final class LambdaEventJson {
  /** The event JSON for {@code records} of shard {@code shard} of {@code stream}. */
  byte[] of(List<InMemoryKinesis.StoredRecord> records, String stream, int shard) {
    StringBuilder json = new StringBuilder(records.size() * 600 + 16).append("{\"Records\":[");
    String shardId = InMemoryKinesis.shardId(shard);
    Base64.Encoder base64 = Base64.getEncoder();
    for (int i = 0; i < records.size(); i++) {
      InMemoryKinesis.StoredRecord record = records.get(i);
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"kinesis\":{\"kinesisSchemaVersion\":\"1.0\",\"partitionKey\":\"")
          .append(escaped(record.partitionKey())).append("\",\"sequenceNumber\":\"").append(record.sequenceNumber())
          .append("\",\"data\":\"").append(base64.encodeToString(record.data()))
          .append("\",\"approximateArrivalTimestamp\":").append(record.arrival().toEpochMilli() / 1000.0)
          .append("},\"eventSource\":\"aws:kinesis\",\"eventVersion\":\"1.0\",\"eventID\":\"").append(shardId)
          .append(':').append(record.sequenceNumber())
          .append("\",\"eventName\":\"aws:kinesis:record\",\"invokeIdentityArn\":\"arn:aws:iam::000000000000:role/")
          .append("nexmark\",\"awsRegion\":\"us-east-1\",\"eventSourceARN\":\"arn:aws:kinesis:us-east-1:000000000000:")
          .append("stream/").append(stream).append("\"}");
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String escaped(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
