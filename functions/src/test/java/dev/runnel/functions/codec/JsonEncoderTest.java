package dev.runnel.functions.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writer typed at bind time writes the same bytes as the mapper, and never drops a subclass's fields. */
class JsonEncoderTest {
  /** An output record: field order, numbers and times as the mapper writes them. */
  public record Row(long auction, BigDecimal price, double ratio, Instant at, List<String> tags, String extra) {}

  /** A declared type that is not final. */
  public static class Base {
    public int a = 1;
  }

  /** What a node declared as {@link Base} may emit. */
  public static class Derived extends Base {
    public int b = 2;
  }

  @Test
  void aFinalTypeIsWrittenByItsTypedWriterWithTheMappersBytes() throws Exception {
    Row row = new Row(1007, new BigDecimal("908.000"), 0.908, Instant.parse("2026-01-01T00:00:01.5Z"),
        List.of("a", "b"), null);

    assertThat(new String(new JsonEncoder(Row.class).encode(row)))
        .isEqualTo(RunnelJson.MAPPER.writeValueAsString(row))
        .isEqualTo("{\"auction\":1007,\"price\":908.000,\"ratio\":0.908,\"at\":\"2026-01-01T00:00:01.500Z\","
            + "\"tags\":[\"a\",\"b\"],\"extra\":null}");
  }

  @Test
  void aRecordOfAnotherClassThanTheDeclaredOneIsWrittenByItsOwnClass() throws Exception {
    assertThat(new String(new JsonEncoder(Base.class).encode(new Derived()))).isEqualTo("{\"a\":1,\"b\":2}");
    assertThat(new String(new JsonEncoder(Row.class).encode("text"))).isEqualTo("\"text\"");
    assertThat(new String(JsonEncoder.UNTYPED.encode(new Derived()))).isEqualTo("{\"a\":1,\"b\":2}");
  }
}
