package dev.runnel.localrunner.esm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Writes a batch of one topic-partition as the JSON event Lambda's Kafka event source mapping sends a function
 * ({@code eventSource "SelfManagedKafka"}, records by {@code "<topic>-<partition>"}, base64 key and value, headers as
 * arrays of byte values), so the local run goes through the same parsing as a deployed function.
 *
 * @param bootstrapServers the cluster's bootstrap servers, as the event names them
 */
public record KafkaEventWriter(String bootstrapServers) {
  private static final JsonFactory JSON = new JsonFactory();

  /** The event holding {@code batch}, all of one topic-partition, in offset order. */
  public byte[] event(List<ConsumerRecord<byte[], byte[]>> batch) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("eventSource", "SelfManagedKafka");
      json.writeStringField("bootstrapServers", bootstrapServers);
      json.writeObjectFieldStart("records");
      ConsumerRecord<byte[], byte[]> first = batch.get(0);
      json.writeArrayFieldStart(first.topic() + "-" + first.partition());
      for (ConsumerRecord<byte[], byte[]> record : batch) {
        json.writeStartObject();
        json.writeStringField("topic", record.topic());
        json.writeNumberField("partition", record.partition());
        json.writeNumberField("offset", record.offset());
        json.writeNumberField("timestamp", record.timestamp());
        json.writeStringField("timestampType", record.timestampType().toString());
        if (record.key() != null) {
          json.writeStringField("key", Base64.getEncoder().encodeToString(record.key()));
        }
        json.writeStringField("value", Base64.getEncoder().encodeToString(
            record.value() == null ? new byte[0] : record.value()));
        json.writeArrayFieldStart("headers");
        for (Header header : record.headers()) {
          json.writeStartObject();
          json.writeArrayFieldStart(header.key());
          for (byte b : header.value() == null ? new byte[0] : header.value()) {
            json.writeNumber(b & 0xff);
          }
          json.writeEndArray();
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
