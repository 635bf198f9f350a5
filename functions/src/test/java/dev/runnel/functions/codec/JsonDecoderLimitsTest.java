package dev.runnel.functions.codec;

import java.lang.management.ManagementFactory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Kinesis record is up to 1 MiB (10 MiB when raised): any valid JSON of that size decodes. */
class JsonDecoderLimitsTest {
  /** A record with a free-form map, a text and a number. */
  public record Doc(Map<String, Long> counts, String text, BigDecimal amount) {}

  @Test
  void aMibRecordWithALongNameAndALongStringDecodes() throws Exception {
    String name = "n".repeat(600_000);
    String text = "é".repeat(200_000);
    String json = "{\"counts\":{\"" + name + "\":7},\"text\":\"" + text + "\",\"amount\":1.5}";
    assertThat(json.getBytes(StandardCharsets.UTF_8).length).isBetween(1_000_000, 1024 * 1024);

    Doc doc = (Doc) new JsonDecoder(Doc.class).decode(json.getBytes(StandardCharsets.UTF_8));

    assertThat(doc.counts()).containsEntry(name, 7L);
    assertThat(doc.text()).isEqualTo(text);
  }

  @Test
  void aTenMibStringDecodes() throws Exception {
    String text = "x".repeat(10 * 1024 * 1024);

    Doc doc = (Doc) new JsonDecoder(Doc.class).decode(("{\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8));

    assertThat(doc.text()).hasSize(text.length());
  }

  @Test
  void aLongNumberDecodesExactlyAndQuickly() throws Exception {
    BigDecimal amount = new BigDecimal(new BigInteger("3".repeat(200_000)), 100_000);
    // CPU time of this thread, not wall time: a loaded machine stretches the one but not the other. A parser that is
    // quadratic in the digits takes minutes here; the bound only catches that.
    var threads = ManagementFactory.getThreadMXBean();
    long started = threads.getCurrentThreadCpuTime();

    Doc doc = (Doc) new JsonDecoder(Doc.class).decode(("{\"amount\":" + amount + "}").getBytes(StandardCharsets.UTF_8));

    assertThat(doc.amount()).isEqualTo(amount);
    assertThat((threads.getCurrentThreadCpuTime() - started) / 1_000_000).isLessThan(5_000);
  }

  @Test
  void nestingBeyondWhatTheRuntimeWritesIsADecodeErrorNamingTheLimit() {
    String deep = "[".repeat(JsonLimits.MAX_NESTING_DEPTH + 1) + "]".repeat(JsonLimits.MAX_NESTING_DEPTH + 1);

    assertThatThrownBy(() -> new JsonDecoder(Object.class).decode(deep.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000");
  }
}
