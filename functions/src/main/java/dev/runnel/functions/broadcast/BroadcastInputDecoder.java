package dev.runnel.functions.broadcast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.functions.codec.RecordDecoder;
import dev.runnel.functions.codec.RunnelJson;
import java.util.Iterator;
import java.util.Map;

/**
 * Decodes the records of a broadcast operator's stream: {@code {"data": {...}}} into the keyed input's type, and
 * {@code {"broadcast": {...}}} into a {@link BroadcastRecord} of the broadcast node's type, strictly (as every
 * repartition stream is read). A record tagged otherwise fails here, at its own sequence number.
 */
public final class BroadcastInputDecoder implements RecordDecoder {
  private final ObjectMapper json = RunnelJson.STRICT;
  private final JavaType dataType;
  private final JavaType broadcastType;

  /** A decoder of keyed records into {@code dataType} and broadcast records into {@code broadcastType}. */
  public BroadcastInputDecoder(JavaType dataType, JavaType broadcastType) {
    this.dataType = dataType;
    this.broadcastType = broadcastType;
  }

  @Override
  public Object decode(byte[] payload) throws Exception {
    JsonNode tree;
    try {
      tree = json.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
    if (tree == null || !tree.isObject() || tree.size() != 1) {
      throw new IllegalArgumentException("the payload is not a record tagged \"data\" or \"broadcast\"");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = tree.fields();
    Map.Entry<String, JsonNode> tagged = fields.next();
    if (tagged.getValue().isNull()) {
      throw new IllegalArgumentException("the record tagged \"" + tagged.getKey() + "\" is JSON null");
    }
    try {
      return switch (tagged.getKey()) {
        case "data" -> json.treeToValue(tagged.getValue(), dataType);
        case "broadcast" -> new BroadcastRecord(json.treeToValue(tagged.getValue(), broadcastType));
        default -> throw new IllegalArgumentException("the record is tagged \"" + tagged.getKey()
            + "\", not \"data\" or \"broadcast\"");
      };
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  @Override
  public String name() {
    return "json";
  }
}
