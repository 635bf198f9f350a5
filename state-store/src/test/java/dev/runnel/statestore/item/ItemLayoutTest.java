package dev.runnel.statestore.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.statestore.StateKey;
import dev.runnel.statestore.StateTooLargeException;
import dev.runnel.statestore.StateWrite;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ItemLayoutTest {
  private static final StateKey KEY = new StateKey("shop-2", "customer-42");

  @Test
  void aValueThatFitsIsOneItemOfAtMost400Kilobytes() {
    long overhead = ItemLayout.size(new StateItem(ItemLayout.headKey(KEY), "v1", new byte[0], null, null));
    int largestInline = (int) (ItemLayout.MAX_ITEM_BYTES - overhead);

    List<StateItem> fits = ItemLayout.items(StateWrite.put(KEY, null, "v1", new byte[largestInline]));
    List<StateItem> overflows = ItemLayout.items(StateWrite.put(KEY, null, "v1", new byte[largestInline + 1]));

    assertThat(fits).hasSize(1);
    assertThat(ItemLayout.size(fits.get(0))).isEqualTo(400 * 1024);
    assertThat(overflows).hasSize(3); // head + 2 chunks
  }

  @Test
  void chunksStayUnder400KilobytesCarryTheVersionAndReassemble() {
    byte[] value = new byte[3_000_000];
    for (int i = 0; i < value.length; i++) {
      value[i] = (byte) (i * 31);
    }

    List<StateItem> items = ItemLayout.items(new StateWrite(KEY, "v1", "v2", value, 1_900_000_000L));

    StateItem head = items.get(0);
    assertThat(head.chunks()).isEqualTo(items.size() - 1);
    assertThat(head.hasValue()).isFalse();
    for (StateItem item : items) {
      assertThat(ItemLayout.size(item)).isLessThanOrEqualTo(400 * 1024);
      assertThat(item.version()).isEqualTo("v2");
      assertThat(item.expiresAt()).isEqualTo(1_900_000_000L);
    }
    assertThat(ItemLayout.assemble(KEY, head, items.subList(1, items.size()))).isEqualTo(value);
  }

  @Test
  void assemblingRefusesAChunkOfAnotherVersion() {
    List<StateItem> items = ItemLayout.items(StateWrite.put(KEY, null, "v2", new byte[900_000]));
    StateItem foreign = new StateItem(items.get(2).pk(), "v3", items.get(2).value(), null, null);

    assertThatThrownBy(() -> ItemLayout.assemble(KEY, items.get(0), List.of(items.get(1), foreign)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("chunk 2 of 3")
        .hasMessageContaining("of version v3");
  }

  @Test
  void headKeysNeverEqualChunkKeysWhateverTheRecordKeys() {
    Set<String> pks = new HashSet<>();
    for (String key : List.of("a", "a#1", "a#1#2", "a|b", "#", "|", "")) {
      StateKey stateKey = new StateKey("job-1", key);
      assertThat(pks.add(ItemLayout.headKey(stateKey))).as("head of %s", key).isTrue();
      for (int i = 1; i <= 3; i++) {
        assertThat(pks.add(ItemLayout.chunkKey(stateKey, i))).as("chunk %d of %s", i, key).isTrue();
      }
    }
  }

  @Test
  void stageIdsCannotHoldTheSeparators() {
    assertThatThrownBy(() -> new StateKey("job|1", "k")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StateKey("job#1", "k")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StateKey("", "k")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aValueOverOneTransactionIsRefusedWithStageKeyAndSize() {
    assertThatThrownBy(() -> ItemLayout.items(StateWrite.put(KEY, null, "v1", new byte[4_194_000])))
        .isInstanceOf(StateTooLargeException.class)
        .hasMessageContaining("shop-2")
        .hasMessageContaining("customer-42")
        .hasMessageContaining("4194000 bytes");
  }

  @Test
  void sizesFollowDynamoDbRules() {
    // "pk" + "s|k" + "v" + "v1" + "s" + 10 bytes + "ttl" + 1900000000 (2 significant digits: 2 bytes)
    StateItem item = new StateItem("s|k", "v1", new byte[10], null, 1_900_000_000L);

    assertThat(ItemLayout.size(item)).isEqualTo(2 + 3 + 1 + 2 + 1 + 10 + 3 + 2);
    assertThat(ItemLayout.numberSize(1_234_567_891L)).isEqualTo(6);
    assertThat(CapacityUnits.write(1024)).isEqualTo(1);
    assertThat(CapacityUnits.write(1025)).isEqualTo(2);
    assertThat(CapacityUnits.strongRead(0)).isEqualTo(1);
    assertThat(CapacityUnits.strongRead(4097)).isEqualTo(2);
  }
}
