package dev.runnel.modelserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddingsTest {
  static LocalModelServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server = LocalModelServer.start(LocalModelServer.Config.defaults().withEmbeddingDimensions(128));
    http = new Http(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void similarTextsAreCloserThanUnrelatedOnes() throws Exception {
    JsonNode body = Http.json(http.post("/v1/embeddings", "{\"model\":\"e\",\"input\":["
        + "\"the delivery was late again\",\"delivery was late, again!\",\"I adore this blue cotton shirt\"]}"));

    float[] late = floats(body.at("/data/0/embedding"));
    float[] alsoLate = floats(body.at("/data/1/embedding"));
    float[] shirt = floats(body.at("/data/2/embedding"));
    assertThat(late).hasSize(128);
    assertThat(cosine(late, late)).isCloseTo(1.0, within(1e-5));
    assertThat(cosine(late, alsoLate)).isGreaterThan(0.8);
    assertThat(cosine(late, shirt)).isLessThan(cosine(late, alsoLate) - 0.5);
  }

  @Test
  void answersInOpenAiShapeWithUsage() throws Exception {
    HttpResponse<String> response = http.post("/v1/embeddings",
        "{\"model\":\"text-embedding-3-small\",\"input\":\"one two three\"}");
    JsonNode body = Http.json(response);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body.get("object").asText()).isEqualTo("list");
    assertThat(body.get("model").asText()).isEqualTo("text-embedding-3-small");
    assertThat(body.at("/data/0/object").asText()).isEqualTo("embedding");
    assertThat(body.at("/data/0/index").asInt()).isZero();
    assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(3);
    assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(3);
    assertThat(server.log().requests().get(server.log().total() - 1).inputCount()).isEqualTo(1);
  }

  @Test
  void base64IsLittleEndianFloat32OfTheSameVector() throws Exception {
    String input = "\"same words here\"";
    JsonNode floats = Http.json(http.post("/v1/embeddings", "{\"model\":\"e\",\"input\":" + input + "}"));
    JsonNode base64 = Http.json(http.post("/v1/embeddings",
        "{\"model\":\"e\",\"encoding_format\":\"base64\",\"dimensions\":128,\"input\":" + input + "}"));

    ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64.at("/data/0/embedding").asText()))
        .order(ByteOrder.LITTLE_ENDIAN);
    float[] decoded = new float[bytes.remaining() / 4];
    for (int i = 0; i < decoded.length; i++) {
      decoded[i] = bytes.getFloat();
    }
    assertThat(decoded).containsExactly(floats(floats.at("/data/0/embedding")));
  }

  @Test
  void honoursRequestedDimensionsAndRejectsBadInput() throws Exception {
    JsonNode small = Http.json(http.post("/v1/embeddings", "{\"model\":\"e\",\"dimensions\":8,\"input\":\"x\"}"));
    HttpResponse<String> tokens = http.post("/v1/embeddings", "{\"model\":\"e\",\"input\":[1,2,3]}");

    assertThat(small.at("/data/0/embedding")).hasSize(8);
    assertThat(tokens.statusCode()).isEqualTo(400);
  }

  static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
