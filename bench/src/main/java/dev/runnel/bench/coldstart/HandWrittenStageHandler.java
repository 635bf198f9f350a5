package dev.runnel.bench.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.runnel.examples.orders.OrderRouting;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * What a developer would write by hand for the demo's first stage, with the same libraries and I/O as Runnel: Jackson
 * decodes each order, the job's own filter and map run as plain calls, PutRecords writes the routed orders keyed by
 * customer, resending failed entries. The fair baseline for Runnel's overhead.
 */
public final class HandWrittenStageHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
  private static final String OUTPUT_STREAM = "orders-route";
  private final ObjectMapper json = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private final OrderRouting job = new OrderRouting();
  private final KinesisClient kinesis;

  /** Builds the client from the environment, as the Lambda runtime would provide it. */
  public HandWrittenStageHandler() {
    var builder = KinesisClient.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .region(Region.of(System.getenv("AWS_REGION")))
        .credentialsProvider(EnvironmentVariableCredentialsProvider.create());
    String endpoint = System.getenv("RUNNEL_KINESIS_ENDPOINT");
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint));
    }
    kinesis = builder.build();
  }

  /** Decodes, filters, routes and writes the batch. */
  @Override
  public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
    List<PutRecordsRequestEntry> entries = new ArrayList<>();
    try {
      for (KinesisEvent.KinesisEventRecord record : event.getRecords()) {
        ByteBuffer data = record.getKinesis().getData();
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        OrderRouting.Order order = json.readValue(bytes, OrderRouting.Order.class);
        if (job.valid(order)) {
          OrderRouting.Routed routed = job.route(order);
          entries.add(PutRecordsRequestEntry.builder().partitionKey(routed.customer())
              .data(SdkBytes.fromByteArray(json.writeValueAsBytes(routed))).build());
        }
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    while (!entries.isEmpty()) {
      PutRecordsResponse response = kinesis.putRecords(r -> r.streamName(OUTPUT_STREAM).records(entries));
      List<PutRecordsRequestEntry> failed = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        if (response.records().get(i).errorCode() != null) {
          failed.add(entries.get(i));
        }
      }
      entries.clear();
      entries.addAll(failed);
    }
    return new StreamsEventResponse();
  }
}
