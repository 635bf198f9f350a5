package dev.runnel.functions.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The Jackson mappers of the runtime, configured once, never changed, thread-safe. Both read records and beans,
 * ignore unknown properties (producers may add fields before jobs read them), reject null for a primitive and
 * trailing data after the value, and write java.time values as ISO-8601 strings.
 */
public final class RunnelJson {
  /**
   * The shared mapper: encodes outputs, stores state, and decodes the input of a {@code lenient} source, converting
   * scalars as Jackson does by default (12.5 to 12, "300" to 300). Do not reconfigure it.
   */
  public static final ObjectMapper MAPPER = base().build();

  /**
   * Decodes the input records of a {@code strict} source (the default): converts no value. A float for an integer
   * type, a string for a number or boolean, a number or boolean for a string, a number for a boolean or an enum, and
   * an empty string for anything but a string all fail. An integer for a floating-point type is not a conversion.
   */
  public static final ObjectMapper STRICT = strict();

  private RunnelJson() {}

  private static JsonMapper.Builder base() {
    return JsonMapper.builder(JsonLimits.factory()) // reads all it writes
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .addModule(new JavaTimeModule());
  }

  private static ObjectMapper strict() {
    JsonMapper.Builder builder = base()
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    builder.withCoercionConfigDefaults(config -> config
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail));
    builder.withCoercionConfig(LogicalType.Integer, config -> config
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail));
    builder.withCoercionConfig(LogicalType.Float, config -> config
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail));
    builder.withCoercionConfig(LogicalType.Boolean, config -> config
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail));
    builder.withCoercionConfig(LogicalType.Textual, config -> config
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    builder.withCoercionConfig(LogicalType.Enum, config -> config
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
    return builder.build();
  }
}
