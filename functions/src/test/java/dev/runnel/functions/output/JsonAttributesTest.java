package dev.runnel.functions.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.functions.codec.RunnelJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class JsonAttributesTest {
  @Test
  void convertsJsonLikeTheEnhancedDocument() throws Exception {
    String json = "{\"id\":\"a-1\",\"count\":42,\"big\":12345678901234567890,\"price\":12.5,\"ok\":true,"
        + "\"none\":null,\"tags\":[\"x\",1,false],\"nested\":{\"deep\":{\"v\":-3}},\"empty\":\"\"}";

    Map<String, AttributeValue> ours = JsonAttributes.item(RunnelJson.MAPPER.readTree(json));

    assertThat(ours).isEqualTo(EnhancedDocument.fromJson(json).toMap());
  }

  @Test
  void rejectsAnythingButAnObjectAsAnItem() throws Exception {
    assertThatThrownBy(() -> JsonAttributes.item(RunnelJson.MAPPER.readTree("[1,2]")))
        .hasMessageContaining("must be a JSON object");
  }

  @Test
  void sizesItemsTheWayDynamoDbCountsThem() {
    Map<String, AttributeValue> item = Map.of(
        "id", AttributeValue.fromS("abc"),
        "n", AttributeValue.fromN("12345"),
        "l", AttributeValue.fromL(List.of(AttributeValue.fromS("xy"), AttributeValue.fromBool(true))),
        "m", AttributeValue.fromM(Map.of("k", AttributeValue.fromNul(true))));

    // id: 2 + 3; n: 1 + (5 digits -> 3+1 = 4); l: 1 + 3 + (1+2) + (1+1); m: 1 + 3 + (1 + 1 + 1)
    assertThat(ItemSize.of(item)).isEqualTo(5 + 5 + 9 + 7);
  }
}
