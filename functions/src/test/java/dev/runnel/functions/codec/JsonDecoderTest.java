package dev.runnel.functions.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.plan.DecodingMode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Strict decoding converts no value and names the field; lenient decoding converts as Jackson does by default. */
class JsonDecoderTest {
  public enum Size { SMALL, LARGE }

  public record Line(String sku, int quantity, long unitCents) {}

  public record Order(String id, int cents, long at, double weight, Integer bonus, boolean gift, Size size,
      Instant placed, BigDecimal price, List<Line> lines) {}

  private static final String GOOD = """
      {"id":"o1","cents":300,"at":1763700062267,"weight":2,"bonus":1,"gift":true,"size":"LARGE",
       "placed":"2025-11-21T04:40:00Z","price":12.5,"lines":[{"sku":"lamp","quantity":2,"unitCents":4200}]}""";

  private static final JsonDecoder STRICT = new JsonDecoder(Order.class, DecodingMode.STRICT);
  private static final JsonDecoder LENIENT = new JsonDecoder(Order.class, DecodingMode.LENIENT);

  private static Object decode(JsonDecoder decoder, String json) throws Exception {
    return decoder.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The good order with one field's JSON value replaced. */
  private static String with(String field, String value) {
    String json = GOOD.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}\\]]+)", "\"" + field + "\":" + value);
    assertThat(json).as("replaced %s", field).isNotEqualTo(GOOD);
    return json;
  }

  @Test
  void strictDecodesValuesOfTheRightTypeAndWidensIntegersToFloatingPoint() throws Exception {
    Order order = (Order) decode(STRICT, GOOD);
    assertThat(order.cents()).isEqualTo(300);
    assertThat(order.weight()).isEqualTo(2.0);
    assertThat(order.size()).isEqualTo(Size.LARGE);
    assertThat(order.placed()).isEqualTo(Instant.parse("2025-11-21T04:40:00Z"));
    assertThat(order.price()).isEqualByComparingTo("12.5");
    assertThat(order.lines()).containsExactly(new Line("lamp", 2, 4200));
  }

  @Test
  void unknownFieldsAreIgnoredInBothModes() throws Exception {
    String json = GOOD.replace("{\"id\"", "{\"addedLater\":{\"x\":[1,2]},\"id\"");
    assertThat(decode(STRICT, json)).isEqualTo(decode(STRICT, GOOD));
    assertThat(decode(LENIENT, json)).isEqualTo(decode(STRICT, GOOD));
  }

  @ParameterizedTest(name = "{0} = {1} is refused")
  @CsvSource(delimiter = '|', value = {
      "cents|12.5|field 'cents' is int, but the value is a floating-point number (12.5)",
      "cents|12.0|field 'cents' is int, but the value is a floating-point number (12.0)",
      "cents|\"300\"|field 'cents' is int, but the value is a string (\"300\")",
      "cents|\"\"|field 'cents' is int, but the value is a string",
      "cents|true|field 'cents' is int, but the value is a boolean",
      "cents|null|field 'cents' is int, but the value is null",
      "at|\"1763700062267\"|field 'at' is long, but the value is a string (\"1763700062267\")",
      "weight|\"2.5\"|field 'weight' is double, but the value is a string (\"2.5\")",
      "bonus|\"\"|field 'bonus' is Integer, but the value is a string",
      "bonus|1.5|field 'bonus' is Integer, but the value is a floating-point number (1.5)",
      "id|12|field 'id' is String, but the value is an integer",
      "id|1.5|field 'id' is String, but the value is a floating-point number",
      "id|true|field 'id' is String, but the value is a boolean",
      "gift|1|field 'gift' is boolean, but the value is an integer",
      "gift|\"true\"|field 'gift' is boolean, but the value is a string (\"true\")",
      "size|1|field 'size' is dev.runnel.functions.codec.JsonDecoderTest$Size, but the value is an integer",
      "placed|\"\"|field 'placed' is Instant, but the value is a string",
      "quantity|2.5|field 'lines[0].quantity' is int, but the value is a floating-point number (2.5)",
      "unitCents|\"4200\"|field 'lines[0].unitCents' is long, but the value is a string (\"4200\")"})
  void strictRefusesEveryConversionAndNamesTheFieldAndTheValuesType(String field, String value, String message) {
    String json = with(field, value);
    var refused = assertThatThrownBy(() -> decode(STRICT, json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
    // the hint to declare the source lenient is given exactly when lenient decoding would accept the record
    if (lenientAccepts(json)) {
      refused.hasMessageEndingWith("; strict decoding converts no value. Fix the producer, or declare the source with"
          + " @Source(decoding = Decoding.LENIENT) to have it converted");
    } else {
      refused.hasMessageNotContaining("LENIENT");
    }
  }

  @Test
  void theLenientHintIsGivenForConversionsOnly() {
    assertThat(lenientAccepts(with("cents", "12.5"))).isTrue();
    assertThat(lenientAccepts(with("cents", "\"300\""))).isTrue();
    assertThat(lenientAccepts(with("cents", "null"))).isFalse();
    assertThatThrownBy(() -> decode(STRICT, with("cents", "\"lots\"")))
        .hasMessage("field 'cents' is int, but the value is a string (\"lots\")");
    assertThatThrownBy(() -> decode(STRICT, with("cents", "null")))
        .hasMessage("field 'cents' is int, but the value is null");
  }

  private static boolean lenientAccepts(String json) {
    try {
      decode(LENIENT, json);
      return true;
    } catch (Exception refused) {
      return false;
    }
  }

  @ParameterizedTest(name = "{0} = {1} becomes {2}")
  @CsvSource(delimiter = '|', value = {
      "cents|12.5|cents=12",
      "cents|\"300\"|cents=300",
      "id|12|id=12",
      "gift|\"true\"|gift=true",
      "quantity|2.5|quantity=2"})
  void lenientConvertsAsJacksonDoesByDefault(String field, String value, String converted) throws Exception {
    assertThat(decode(LENIENT, with(field, value)).toString()).contains(converted);
  }

  @Test
  void lenientStillRefusesWhatCannotBeConvertedAndNamesTheField() {
    assertThatThrownBy(() -> decode(LENIENT, with("cents", "\"lots\"")))
        .hasMessage("field 'cents' is int, but the value is a string (\"lots\")");
  }

  @Test
  void malformedJsonTrailingTokensAndJsonNullAreRefusedInBothModes() {
    for (JsonDecoder decoder : List.of(STRICT, LENIENT)) {
      assertThatThrownBy(() -> decode(decoder, "{\"id\":\"o1\", BROKEN"))
          .hasMessageContaining("Unexpected character").hasMessageContaining("(line 1, column ");
      assertThatThrownBy(() -> decode(decoder, GOOD + " {}")).hasMessageContaining("Trailing token");
      assertThatThrownBy(() -> decode(decoder, "null")).hasMessage("the payload is JSON null");
    }
  }

  @Test
  void aWholeRecordOfTheWrongShapeIsNamedByItsJsonType() {
    assertThatThrownBy(() -> decode(STRICT, "[1,2]")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Order");
    assertThatThrownBy(() -> decode(STRICT, with("lines", "{\"sku\":\"x\"}")))
        .hasMessageStartingWith("field 'lines' is List, but the value is an object");
  }
}
