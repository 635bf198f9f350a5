package dev.runnel.functions.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.functions.codec.JsonLimits;
import dev.runnel.functions.job.JobClasses;
import dev.runnel.functions.windows.BuiltInAccumulator;
import dev.runnel.functions.windows.FiredWindow;
import dev.runnel.functions.windows.OpenWindow;
import dev.runnel.functions.windows.Pane;
import dev.runnel.functions.windows.PanesAgreeWithWindowsTest;
import dev.runnel.functions.windows.WindowState;
import dev.runnel.plan.AggregateKind;
import dev.runnel.plan.StateKind;
import dev.runnel.plan.StateSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stored form of a key's state reads back whatever it wrote, or fails when written. */
class KeyStateCodecTest {
  private static final long NOW = 1_700_000_000_000L;

  private static StateBinding binding(String name, StateKind kind, String... typeArguments) {
    return StateBinding.of(new StateSpec(name, "op", kind, "states", List.of(typeArguments), null, 0),
        JobClasses.ofCurrentThread());
  }

  private static KeyState roundTrip(KeyStateCodec codec, StateBinding state, Object value) {
    KeyState key = KeyState.empty("user-1");
    key.put(state, value, NOW);
    byte[] stored = codec.encode(key, NOW);
    return codec.decode("user-1", null, stored);
  }

  @Test
  void aMapStateWithSixteenKeysOf300KbEachReadsBack() {
    StateBinding pages = binding("pages", StateKind.MAP, "java.lang.String", "java.lang.Long");
    KeyStateCodec codec = new KeyStateCodec(List.of(pages));
    Map<String, Long> visits = new LinkedHashMap<>();
    for (int i = 0; i < 16; i++) {
      visits.put(("/page-" + i + "/").repeat(300 * 1024 / 8).substring(0, 300 * 1024), (long) i);
    }

    KeyState read = roundTrip(codec, pages, visits);

    assertThat(read.value(pages, NOW)).isEqualTo(visits);
  }

  @Test
  void longStringsAndMultiByteTextReadBack() {
    StateBinding note = binding("note", StateKind.VALUE, "java.lang.String");
    KeyStateCodec codec = new KeyStateCodec(List.of(note));
    String text = "é€😀".repeat(2_000_000); // 20,000,000 bytes of UTF-8, 10,000,000 chars: Jackson's default limit

    assertThat(roundTrip(codec, note, text).value(note, NOW)).isEqualTo(text);
  }

  @Test
  void aTwoThousandDigitDecimalReadsBackWithItsPrecisionAndScale() {
    StateBinding amount = binding("amount", StateKind.VALUE, "java.math.BigDecimal");
    KeyStateCodec codec = new KeyStateCodec(List.of(amount));
    BigDecimal huge = new BigDecimal(new BigInteger("7".repeat(2_000)), 1_000);
    BigDecimal trailingZeros = new BigDecimal("1.500");

    assertThat(roundTrip(codec, amount, huge).value(amount, NOW)).isEqualTo(huge);
    assertThat(roundTrip(codec, amount, trailingZeros).value(amount, NOW)).isEqualTo(trailingZeros);
    assertThat(roundTrip(codec, amount, new BigDecimal("1E+400")).value(amount, NOW))
        .isEqualTo(new BigDecimal("1E+400"));
  }

  @Test
  void aHundredThousandDigitIntegerReadsBackQuickly() {
    StateBinding big = binding("big", StateKind.VALUE, "java.math.BigInteger");
    KeyStateCodec codec = new KeyStateCodec(List.of(big));
    BigInteger value = new BigInteger("9".repeat(100_000));

    long started = System.nanoTime();
    assertThat(roundTrip(codec, big, value).value(big, NOW)).isEqualTo(value);
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
  }

  @Test
  void nestingWithinTheLimitReadsBackAndDeeperFailsWhenWritten() {
    StateBinding tree = binding("tree", StateKind.VALUE, "java.lang.Object");
    KeyStateCodec codec = new KeyStateCodec(List.of(tree));
    // The stored document wraps the value in three objects: {"e": {"op/tree": {"v": value}}}.
    Object fits = nested(JsonLimits.MAX_NESTING_DEPTH - 3);
    Object tooDeep = nested(JsonLimits.MAX_NESTING_DEPTH - 2);

    assertThat(roundTrip(codec, tree, fits).value(tree, NOW)).isEqualTo(fits);
    KeyState key = KeyState.empty("user-1");
    key.put(tree, tooDeep, NOW);
    assertThatThrownBy(() -> codec.encode(key, NOW))
        .hasMessageContaining("cannot encode the state of key 'user-1'")
        .hasMessageContaining("1000");
  }

  @Test
  void readsTheFormatWrittenBeforeAndDropsStatesNoLongerDeclared() {
    StateBinding count = binding("count", StateKind.VALUE, "java.lang.Long");
    KeyStateCodec codec = new KeyStateCodec(List.of(count));
    String stored = "{\"e\":{\"op/count\":{\"v\":41,\"t\":12},\"op/gone\":{\"v\":{\"a\":[1,2]},\"t\":3}},\"d\":\"\"}";

    KeyState read = codec.decode("k", null, stored.getBytes(StandardCharsets.UTF_8));

    assertThat(read.entries()).containsOnlyKeys("op/count");
    assertThat(read.entries().get("op/count")).isEqualTo(new StateEntry(41L, 12));
  }

  @Test
  void readsWindowStatesAndAccumulatorsWrittenBeforePanesAndWritesTheShortForm() {
    StateBinding counts = binding("window", StateKind.WINDOW);
    KeyStateCodec codec = new KeyStateCodec(List.of(counts));
    String stored = "{\"e\":{\"op/window\":{\"v\":["
        + "{\"start\":0,\"end\":10000,\"contents\":{\"count\":82,\"sum\":0.0,\"min\":0.0,\"max\":0.0},\"firings\":0},"
        + "{\"start\":2000,\"end\":12000,\"contents\":{\"count\":3,\"sum\":12.5,\"min\":1.5,\"max\":\"Infinity\"},"
        + "\"firings\":2}],\"t\":12}},\"d\":\"\"}";

    KeyState read = codec.decode("k", null, stored.getBytes(StandardCharsets.UTF_8));

    WindowState<BuiltInAccumulator> windows = WindowState.ofWindows(List.of(
        new OpenWindow<>(0, 10_000, new BuiltInAccumulator(82, 0, 0, 0), 0),
        new OpenWindow<>(2_000, 12_000, new BuiltInAccumulator(3, 12.5, 1.5, Double.POSITIVE_INFINITY), 2)));
    assertThat(read.value(counts, NOW)).isEqualTo(windows);
    KeyState written = KeyState.empty("k");
    written.put(counts, WindowState.ofWindows(List.of(
        new OpenWindow<>(0, 10_000, BuiltInAccumulator.EMPTY.plus(0).keptFor(AggregateKind.COUNT), 0),
        new OpenWindow<>(0, 10_000, BuiltInAccumulator.EMPTY.plus(2.5).keptFor(AggregateKind.AVERAGE), 1),
        new OpenWindow<>(0, 10_000, BuiltInAccumulator.EMPTY.plus(3.5).keptFor(AggregateKind.SUM), 0),
        new OpenWindow<>(0, 10_000, BuiltInAccumulator.EMPTY.plus(4).keptFor(AggregateKind.MIN), 0),
        new OpenWindow<>(0, 10_000, BuiltInAccumulator.EMPTY.plus(5).keptFor(AggregateKind.MAX), 0))), NOW);
    String text = new String(codec.encode(written, NOW), StandardCharsets.UTF_8);
    assertThat(text).contains("[[0,10000,1],[0,10000,{\"n\":1,\"s\":2.5},1],[0,10000,{\"s\":3.5}],"
        + "[0,10000,{\"lo\":4.0}],[0,10000,{\"hi\":5.0}]]");
    assertThat(codec.decode("k", null, text.getBytes(StandardCharsets.UTF_8)).value(counts, NOW))
        .isEqualTo(written.value(counts, NOW));
  }

  @Test
  void readsFullWindowsAndFunctionAccumulatorsWrittenBeforePanes() {
    StateBinding sessions = binding("sessions", StateKind.WINDOW, "java.lang.String");
    StateBinding totals = StateBinding.of(new StateSpec("totals", "op", StateKind.WINDOW, "states",
        List.of(PanesAgreeWithWindowsTest.Total.Sum.class.getName()), PanesAgreeWithWindowsTest.Total.class.getName(),
        0), JobClasses.ofCurrentThread());
    KeyStateCodec codec = new KeyStateCodec(List.of(sessions, totals));
    String stored = "{\"e\":{\"op/sessions\":{\"v\":[{\"start\":1,\"end\":9,\"contents\":[\"a\",\"b\"],\"firings\":0}],"
        + "\"t\":12},\"op/totals\":{\"v\":[{\"start\":0,\"end\":10,\"contents\":{\"total\":5},\"firings\":1}],"
        + "\"t\":12}},\"d\":\"\"}";

    KeyState read = codec.decode("k", null, stored.getBytes(StandardCharsets.UTF_8));

    assertThat(read.value(sessions, NOW)).isEqualTo(WindowState.ofWindows(List.of(
        new OpenWindow<>(1, 9, List.of("a", "b"), 0))));
    assertThat(read.value(totals, NOW)).isEqualTo(WindowState.ofWindows(List.of(
        new OpenWindow<>(0, 10, new PanesAgreeWithWindowsTest.Total.Sum(5), 1))));
    assertThat(new String(codec.encode(read, NOW), StandardCharsets.UTF_8))
        .contains("[[1,9,[\"a\",\"b\"]]]").contains("[[0,10,{\"total\":5},1]]");
  }

  @Test
  void writesPanesAndReadsThemBack() {
    StateBinding counts = binding("window", StateKind.WINDOW);
    KeyStateCodec codec = new KeyStateCodec(List.of(counts));
    KeyState key = KeyState.empty("k");
    WindowState<BuiltInAccumulator> panes = new WindowState<>(
        List.of(new OpenWindow<>(0, 10_000, new BuiltInAccumulator(2, 0, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY), 0)),
        List.of(new Pane<>(2_000, new BuiltInAccumulator(82, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY))),
        List.of(new FiredWindow(12_000, 3)), 9_999);
    key.put(counts, panes, NOW);

    byte[] stored = codec.encode(key, NOW);

    assertThat(new String(stored, StandardCharsets.UTF_8))
        .contains("{\"w\":[[0,10000,2]],\"p\":[[2000,82]],\"f\":[[12000,3]],\"x\":9999}");
    assertThat(codec.decode("k", null, stored).value(counts, NOW)).isEqualTo(panes);
  }

  @Test
  void storesTheWriteTimeOnlyForStatesWithATimeToLiveAndNoEmptyDedupMemory() {
    StateBinding count = binding("count", StateKind.VALUE, "java.lang.Long");
    StateBinding seen = StateBinding.of(new StateSpec("seen", "op", StateKind.VALUE, "states",
        List.of("java.lang.Long"), null, 60), JobClasses.ofCurrentThread());
    KeyStateCodec codec = new KeyStateCodec(List.of(count, seen));
    KeyState key = KeyState.empty("k");
    key.put(count, 41L, NOW);
    key.put(seen, 7L, NOW);

    String text = new String(codec.encode(key, NOW), StandardCharsets.UTF_8);

    assertThat(text).contains("\"op/count\":{\"v\":41}").contains("\"op/seen\":{\"v\":7,\"t\":" + NOW + "}")
        .doesNotContain("\"d\"");
    KeyState read = codec.decode("k", null, text.getBytes(StandardCharsets.UTF_8));
    assertThat(read.value(count, NOW + 1_000_000_000)).isEqualTo(41L);
    assertThat(read.value(seen, NOW + 60_000)).isEqualTo(7L);
    assertThat(read.value(seen, NOW + 60_001)).isNull();
    assertThat(codec.expiresAtEpochSeconds(read, NOW)).isZero(); // count lives forever
  }

  @Test
  void aValueStoredWithoutItsWriteTimeLivesUntilWrittenAgainWhenItsStateGetsATimeToLive() {
    StateBinding before = binding("count", StateKind.VALUE, "java.lang.Long");
    StateBinding after = StateBinding.of(new StateSpec("count", "op", StateKind.VALUE, "states",
        List.of("java.lang.Long"), null, 60), JobClasses.ofCurrentThread());
    KeyState key = KeyState.empty("k");
    key.put(before, 41L, NOW);
    byte[] stored = new KeyStateCodec(List.of(before)).encode(key, NOW);
    KeyStateCodec codec = new KeyStateCodec(List.of(after));

    KeyState read = codec.decode("k", null, stored);

    assertThat(read.value(after, NOW + 1_000_000)).isEqualTo(41L);
    assertThat(codec.expiresAtEpochSeconds(read, NOW)).isZero();
    read.put(after, 42L, NOW + 1_000_000);
    assertThat(codec.expiresAtEpochSeconds(read, NOW + 1_000_000)).isEqualTo((NOW + 1_000_000) / 1000 + 86_400);
    assertThat(read.value(after, NOW + 1_060_001)).isNull();
  }

  @Test
  void aCorruptItemFailsNamingTheKey() {
    KeyStateCodec codec = new KeyStateCodec(List.of(binding("count", StateKind.VALUE, "java.lang.Long")));

    assertThatThrownBy(() -> codec.decode("k-9", null, "[1]".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("cannot decode the stored state of key 'k-9'");
  }

  /** A list holding a list ... {@code depth} levels deep, with a string at the bottom. */
  private static Object nested(int depth) {
    Object value = "bottom";
    for (int i = 0; i < depth; i++) {
      List<Object> outer = new ArrayList<>();
      outer.add(value);
      value = outer;
    }
    return value;
  }
}
