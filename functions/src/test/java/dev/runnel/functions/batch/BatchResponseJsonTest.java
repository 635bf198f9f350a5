package dev.runnel.functions.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stream handler's batch response is byte for byte what the Java runtime writes for a {@code RequestHandler}'s
 * {@link StreamsEventResponse}: the runtime interface client serializes a type that is not one of Lambda's events
 * with {@code JacksonFactory} (its {@code EventHandlerLoader.getSerializer}), which leaves nulls out.
 */
class BatchResponseJsonTest {
  private static final PojoSerializer<StreamsEventResponse> RUNTIME =
      JacksonFactory.getInstance().getSerializer(StreamsEventResponse.class);

  private static String runtimes(StreamsEventResponse response) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RUNTIME.toJson(response, out);
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String ours(StreamsEventResponse response) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BatchResponseJson.write(response, out);
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void writesTheBytesTheRuntimeWrites() throws IOException {
    List<StreamsEventResponse> responses = List.of(
        new StreamsEventResponse(new ArrayList<>()),
        new StreamsEventResponse(List.of(new BatchItemFailure("49590338271490256608559692538361571095921575989136588802"))),
        new StreamsEventResponse(List.of(new BatchItemFailure("1"), new BatchItemFailure("k\u00e9\"\\\n"))),
        new StreamsEventResponse(Arrays.asList(new BatchItemFailure(null))),
        new StreamsEventResponse(null));
    for (StreamsEventResponse response : responses) {
      assertThat(ours(response)).isEqualTo(runtimes(response));
    }
    assertThat(ours(responses.get(0))).isEqualTo("{\"batchItemFailures\":[]}");
    assertThat(ours(responses.get(1)))
        .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"49590338271490256608559692538361571095921575989136588802\"}]}");
  }
}
