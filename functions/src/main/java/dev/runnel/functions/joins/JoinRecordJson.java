package dev.runnel.functions.joins;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import dev.runnel.plan.JoinSide;
import java.io.IOException;

/** The stored form of a {@link JoinRecord}: {@code {"left": record}} or {@code {"right": record}}. */
public final class JoinRecordJson {
  private JoinRecordJson() {}

  /** Writes the record inside its side's tag. */
  public static final class Writer extends JsonSerializer<JoinRecord<?, ?>> {
    @Override
    public void serialize(JoinRecord<?, ?> value, JsonGenerator out, SerializerProvider provider) throws IOException {
      out.writeStartObject();
      out.writeFieldName(value.side().tag());
      provider.defaultSerializeValue(value.record(), out);
      out.writeEndObject();
    }
  }

  /** Reads a tagged record into the left or right type of the contextual {@code JoinRecord<L, R>}. */
  public static final class Reader extends JsonDeserializer<JoinRecord<?, ?>> implements ContextualDeserializer {
    private final JsonDeserializer<Object> left;
    private final JsonDeserializer<Object> right;

    /** The uncontextualized reader Jackson creates first. */
    public Reader() {
      this(null, null);
    }

    private Reader(JsonDeserializer<Object> left, JsonDeserializer<Object> right) {
      this.left = left;
      this.right = right;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
        throws JsonMappingException {
      JavaType type = property != null ? property.getType() : ctxt.getContextualType();
      if (type == null || type.containedType(0) == null || type.containedType(1) == null) {
        throw JsonMappingException.from(ctxt, "join record read without its left and right types: " + type);
      }
      return new Reader(ctxt.findRootValueDeserializer(type.containedType(0)),
          ctxt.findRootValueDeserializer(type.containedType(1)));
    }

    @Override
    public JoinRecord<?, ?> deserialize(JsonParser in, DeserializationContext ctxt) throws IOException {
      if (in.currentToken() != JsonToken.START_OBJECT || in.nextToken() != JsonToken.FIELD_NAME) {
        ctxt.reportWrongTokenException(JoinRecord.class, JsonToken.FIELD_NAME,
            "a join record is {\"left\": record} or {\"right\": record}");
      }
      String tag = in.currentName();
      JoinSide side = switch (tag) {
        case "left" -> JoinSide.LEFT;
        case "right" -> JoinSide.RIGHT;
        default -> throw JsonMappingException.from(in, "a join record is tagged \"left\" or \"right\", not \""
            + tag + "\"");
      };
      in.nextToken();
      Object record = (side == JoinSide.LEFT ? left : right).deserialize(in, ctxt);
      if (in.nextToken() != JsonToken.END_OBJECT) {
        throw JsonMappingException.from(in, "a join record holds one tagged record, but \"" + tag
            + "\" is followed by more");
      }
      if (record == null) {
        throw JsonMappingException.from(in, "the \"" + tag + "\" record of a join record is null");
      }
      return new JoinRecord<>(side, record);
    }
  }
}
