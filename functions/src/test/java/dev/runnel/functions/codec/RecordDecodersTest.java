package dev.runnel.functions.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.functions.job.JobClasses;
import dev.runnel.plan.DecodingMode;
import dev.runnel.plan.StageInput;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The plan's {@code input.decoding} chooses the decoder a stage runs with. */
class RecordDecodersTest {
  public record Reading(String sensor, int value) {}

  private static final byte[] FLOAT_FOR_INT = "{\"sensor\":\"s1\",\"value\":12.5}".getBytes(StandardCharsets.UTF_8);

  private static RecordDecoder decoderOf(StageInput input) {
    return RecordDecoders.forInput(input, JobClasses.ofCurrentThread());
  }

  @Test
  void aPlanInputWithoutDecodingIsDecodedStrictly() {
    RecordDecoder strict = decoderOf(new StageInput("in", "in", Reading.class.getName(), "json"));
    assertThatThrownBy(() -> strict.decode(FLOAT_FOR_INT))
        .hasMessageStartingWith("field 'value' is int, but the value is a floating-point number (12.5)");
  }

  @Test
  void aLenientPlanInputConvertsAsBefore() throws Exception {
    RecordDecoder lenient = decoderOf(new StageInput("in", "in", Reading.class.getName(), "json", null,
        DecodingMode.LENIENT));
    assertThat(lenient.decode(FLOAT_FOR_INT)).isEqualTo(new Reading("s1", 12));
  }
}
