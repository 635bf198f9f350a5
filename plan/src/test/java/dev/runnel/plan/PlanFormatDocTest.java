package dev.runnel.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/plan-format.md must describe every field of every plan record, and every enumeration value. */
class PlanFormatDocTest {
  private static final List<Class<? extends Record>> PLAN_RECORDS = List.of(Plan.class, StreamSpec.class,
      TableSpec.class, StageSpec.class, StageInput.class, OperatorSpec.class, OutputSpec.class, StateSpec.class,
      BatchingSpec.class, EventTimeSpec.class, TimeSpec.class, WindowSpec.class, AggregateSpec.class, InferenceSpec.class,
      ModelSpec.class, ModelLimits.class, JoinSpec.class, BroadcastSpec.class);

  @Test
  void documentsEveryField() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "plan-format.md"));
    for (Class<? extends Record> type : PLAN_RECORDS) {
      assertThat(doc).as("plan-format.md names the record %s", type.getSimpleName())
          .contains("`" + type.getSimpleName() + "`");
      for (RecordComponent field : type.getRecordComponents()) {
        assertThat(doc).as("plan-format.md documents %s.%s", type.getSimpleName(), field.getName())
            .contains("| `" + field.getName() + "` |");
      }
    }
    for (Class<? extends Enum<?>> kind : List.of(StreamRole.class, TableRole.class, OperatorKind.class, OutputKind.class,
        StateKind.class, WindowKind.class, AggregateKind.class, InferenceTask.class, ModelProvider.class,
        DecodingMode.class, JoinSide.class, StreamTransport.class)) {
      for (Enum<?> value : kind.getEnumConstants()) {
        String json = PlanJsonEnum.jsonName(value);
        assertThat(doc).as("plan-format.md documents %s value %s", kind.getSimpleName(), json).contains("`" + json + "`");
      }
    }
  }

  /** The JSON name Jackson writes for an enum constant, from its @JsonProperty. */
  private static final class PlanJsonEnum {
    static String jsonName(Enum<?> value) {
      try {
        return value.getDeclaringClass().getField(value.name())
            .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class).value();
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
