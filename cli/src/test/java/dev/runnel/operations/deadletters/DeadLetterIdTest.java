package dev.runnel.operations.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeadLetterIdTest {
  @Test
  void parsesWhatItPrints() {
    DeadLetterId id = new DeadLetterId("payments-2", "shardId-000000000001", "4968092833176332974165374099");
    assertThat(DeadLetterId.parse(id.toString())).isEqualTo(id);
    assertThat(id.source()).isEqualTo("payments-2/shardId-000000000001");
  }

  @Test
  void aRejectedInputLineKeepsTheSlashesOfItsFileInItsPosition() {
    DeadLetterId id = DeadLetterId.parse("payments-1/input/runs/in/payments.jsonl:12");
    assertThat(id).isEqualTo(new DeadLetterId("payments-1", "input", "runs/in/payments.jsonl:12"));
    assertThat(id.toString()).isEqualTo("payments-1/input/runs/in/payments.jsonl:12");
  }

  @Test
  void refusesAnIdWithoutItsThreeParts() {
    assertThatThrownBy(() -> DeadLetterId.parse("payments-2/shardId-000000000001"))
        .hasMessageContaining("<stage>/<shard>/<position>");
    assertThatThrownBy(() -> DeadLetterId.parse("/a/b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeadLetterId.parse("a//b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeadLetterId.parse("a/b/")).isInstanceOf(IllegalArgumentException.class);
  }
}
