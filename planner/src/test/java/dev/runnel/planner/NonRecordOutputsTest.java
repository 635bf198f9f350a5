package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.api.KeyBy;
import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import org.junit.jupiter.api.Test;

/** A key or a table sink on output that is not a record says the output must be a record, not "Use [bytes, ...]". */
class NonRecordOutputsTest {

  @StreamingJob("words")
  public static class TableOfStrings {
    @Source(stream = "words-in") public record Word(String id, String text) {}

    @MapEach @Sink(table = "upper-words", key = "id")
    public String upper(Word word) {
      return word.text().toUpperCase(java.util.Locale.ROOT);
    }
  }

  @StreamingJob("words")
  public static class KeyedStrings {
    @Source(stream = "words-in") public record Word(String id, String text) {}

    @MapEach @KeyBy("text") @Sink(console = true)
    public String upper(Word word) {
      return word.text().toUpperCase(java.util.Locale.ROOT);
    }
  }

  private static JobProblem onlyProblem(Class<?> job) {
    InvalidJobException thrown = catchThrowableOfType(InvalidJobException.class, () -> Planner.plan(job));
    assertThat(thrown).as("planning %s must fail", job.getSimpleName()).isNotNull();
    assertThat(thrown.problems()).as(thrown.getMessage()).hasSize(1);
    return thrown.problems().get(0);
  }

  @Test
  void aTableSinkOfStringsSaysTheOutputMustBeARecord() {
    JobProblem problem = onlyProblem(TableOfStrings.class);
    assertThat(problem.problem()).contains("table sink 'upper-words' gets String records", "record's components");
    assertThat(problem.fix()).contains("Return a record instead", "record Row(String id, String value)",
        "key = \"id\"").doesNotContain("bytes", "blank");
  }

  @Test
  void aKeyByOnStringsSaysTheOutputMustBeARecord() {
    InvalidJobException thrown = catchThrowableOfType(InvalidJobException.class, () -> Planner.plan(KeyedStrings.class));
    assertThat(thrown.getMessage()).contains("@KeyBy(\"text\") keys String records, which have no named fields",
        "Emit a record with the key as a component").doesNotContain("bytes", "blank");
  }
}
