package dev.runnel.functions.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.deadletter.ErrorType;
import dev.runnel.functions.deadletter.StepFailure;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every output limit is checked when a record is encoded, so only that record fails (see OutputLimitsEmulatorTest). */
class OutputLimitsTest {
  private static final InputRecord INPUT = new InputRecord("shardId-000000000000", "49", "user-1",
      "{}".getBytes(StandardCharsets.UTF_8));
  private static final TableEncoder TABLE = new TableEncoder("orders-table", "ship", "orders", List.of("id", "sk"));

  /** {@code count} three-byte characters (the euro sign). */
  static String euros(int count) {
    return "€".repeat(count);
  }

  static Map<String, Object> item(Object id, Object sk, Object... more) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("id", id);
    record.put("sk", sk);
    for (int i = 0; i < more.length; i += 2) {
      record.put((String) more[i], more[i + 1]);
    }
    return record;
  }

  private static StepFailure tableFailure(Map<String, Object> record) {
    try {
      TABLE.encode(record, INPUT);
    } catch (StepFailure failure) {
      return failure;
    }
    throw new AssertionError("the record was accepted");
  }

  @Test
  void aPartitionKeyIsLimitedTo2048BytesNotCharacters() throws StepFailure {
    assertThat(TABLE.encode(item("a".repeat(2048), "s"), INPUT)).isInstanceOf(TableItem.class);
    assertThat(TABLE.encode(item(euros(682) + "ab", "s"), INPUT)).isInstanceOf(TableItem.class); // 2,048 bytes

    StepFailure failure = tableFailure(item(euros(683), "s")); // 683 characters, 2,049 bytes

    assertThat(failure.type()).isEqualTo(ErrorType.KEY);
    assertThat(failure.step()).isEqualTo("orders-table");
    assertThat(failure.getMessage()).contains("output 'orders-table'", "partition key attribute 'id'",
        "table orders", "2049 bytes", "683 characters", "2048 bytes", "shorten the key field");
  }

  @Test
  void aSortKeyIsLimitedTo1024Bytes() throws StepFailure {
    assertThat(TABLE.encode(item("p", euros(341) + "a"), INPUT)).isInstanceOf(TableItem.class); // 1,024 bytes

    StepFailure failure = tableFailure(item("p", euros(342))); // 1,026 bytes

    assertThat(failure.type()).isEqualTo(ErrorType.KEY);
    assertThat(failure.getMessage()).contains("sort key attribute 'sk'", "1026 bytes", "1024 bytes");
  }

  @Test
  void aKeyOfTenThousandCharactersFailsWithoutQuotingItWhole() {
    StepFailure failure = tableFailure(item("o".repeat(10_000), "s"));

    assertThat(failure.type()).isEqualTo(ErrorType.KEY);
    assertThat(failure.getMessage()).contains("10000 bytes").hasSizeLessThan(600);
  }

  @Test
  void anEmptyOrMissingKeyFails() {
    assertThat(tableFailure(item("", "s")).getMessage()).contains("'id'", "is empty");
    assertThat(tableFailure(item("p", null)).type()).isEqualTo(ErrorType.KEY);
    Map<String, Object> noKey = new LinkedHashMap<>();
    noKey.put("sk", "s");
    assertThat(tableFailure(noKey).getMessage()).contains("'id'", "is missing");
  }

  @Test
  void anEmptyAttributeNameFails() {
    StepFailure failure = tableFailure(item("p", "s", "", 1));

    assertThat(failure.type()).isEqualTo(ErrorType.ENCODE);
    assertThat(failure.getCause().getMessage()).contains("attribute name has 1 to 65535 bytes, not 0");
  }

  @Test
  void anItemIsLimitedTo400KbCountingNamesAndThePositionStamp() throws StepFailure {
    // id (2 + 1) + sk (2 + 1) + name (n) + value: fill to exactly the limit, less the stamp reserve.
    String name = "n".repeat(1000);
    int value = SizeLimits.DYNAMODB_ITEM_BYTES - TableItem.POSITION_RESERVE_BYTES - 6 - name.length();
    assertThat(TABLE.encode(item("p", "s", name, "v".repeat(value)), INPUT)).isInstanceOf(TableItem.class);

    StepFailure failure = tableFailure(item("p", "s", name, "v".repeat(value + 1)));

    assertThat(failure.type()).isEqualTo(ErrorType.OVERSIZE);
    assertThat(failure.getMessage()).contains("output 'orders-table'", (SizeLimits.DYNAMODB_ITEM_BYTES + 1)
        + "-byte item", "limited to 409600 bytes");
  }

  @Test
  void mapsAndListsNestThirtyTwoLevelsAtMostCountingTheItem() throws StepFailure {
    assertThat(TABLE.encode(item("p", "s", "deep", nested(31)), INPUT)).isInstanceOf(TableItem.class);

    StepFailure failure = tableFailure(item("p", "s", "deep", nested(32)));

    assertThat(failure.type()).isEqualTo(ErrorType.ENCODE);
    assertThat(failure.getMessage()).contains("output 'orders-table'", "table orders");
    assertThat(failure.getCause().getMessage()).contains("field 'deep'", "33 levels deep, counting the item",
        "allows 32", "flatten the record");
  }

  @Test
  void numbersOutsideDynamoDbsRangeOrPrecisionFail() throws StepFailure {
    for (Object fits : List.of(new BigDecimal("9.9999999999999999999999999999999999999E+125"),
        new BigDecimal("-1E-130"), new BigDecimal("1E+125"), new BigDecimal("12345678901234567890123456789012345678"),
        Long.MIN_VALUE, 0.1, 0, new BigDecimal("0E-500"))) {
      assertThat(TABLE.encode(item("p", "s", "n", fits), INPUT)).as("%s", fits).isInstanceOf(TableItem.class);
    }
    for (Object refused : List.of(new BigDecimal("1E+126"), new BigDecimal("1E-131"),
        new BigDecimal("123456789012345678901234567890123456789"), new BigDecimal("7".repeat(2_000)), 1e300,
        Double.NaN, Double.POSITIVE_INFINITY)) {
      StepFailure failure = tableFailure(item("p", "s", "n", refused));
      assertThat(failure.type()).as("%s", refused).isEqualTo(ErrorType.ENCODE);
      assertThat(failure.getCause().getMessage()).as("%s", refused).contains("field 'n'").hasSizeLessThan(600);
    }
  }

  @Test
  void aStreamRecordIsLimitedTo1MibWithItsKeyCountedInBytes() throws StepFailure {
    StreamEncoder stream = new StreamEncoder("out", "ship", "orders-out", null);
    int quotes = 2;
    int fits = SizeLimits.KINESIS_RECORD_BYTES - 256 - quotes; // the identity key an exactly-once stage puts on it
    assertThat(stream.encode("x".repeat(fits), INPUT)).isInstanceOf(StreamRecord.class);

    StepFailure failure = failure(() -> stream.encode("x".repeat(fits + 1), INPUT));

    assertThat(failure.type()).isEqualTo(ErrorType.OVERSIZE);
    assertThat(failure.getMessage()).contains("output 'out'", "stream orders-out", "1048577-byte record",
        "1048576 bytes");
  }

  @Test
  void aStreamKeyOfMultiByteCharactersIsCountedInBytesTowardsTheRecord() throws StepFailure {
    StreamEncoder stream = new StreamEncoder("out", "ship", "orders-out", null);
    InputRecord wideKey = new InputRecord("shardId-000000000000", "49", "😀".repeat(256), new byte[0]);
    int fits = SizeLimits.KINESIS_RECORD_BYTES - 1024 - 2; // 256 four-byte characters

    assertThat(stream.encode("x".repeat(fits), wideKey)).isInstanceOf(StreamRecord.class);
    assertThat(failure(() -> stream.encode("x".repeat(fits + 1), wideKey)).type()).isEqualTo(ErrorType.OVERSIZE);
  }

  @Test
  void aStreamKeyFieldIsOneTo256Characters() throws Exception {
    KeyField customer = KeyField.resolve(Keyed.class, "customer");
    StreamEncoder stream = new StreamEncoder("out", "ship", "orders-out", customer);

    assertThat(((StreamRecord) stream.encode(new Keyed("😀".repeat(256)), INPUT)).partitionKey())
        .hasSize(512);
    StepFailure tooLong = failure(() -> stream.encode(new Keyed("a".repeat(257)), INPUT));
    assertThat(tooLong.type()).isEqualTo(ErrorType.KEY);
    assertThat(tooLong.getMessage()).contains("257-character partition key", "1 to 256");
    assertThat(failure(() -> stream.encode(new Keyed(""), INPUT)).type()).isEqualTo(ErrorType.KEY);
  }

  /** A record keyed by its customer. */
  public record Keyed(String customer) {}

  private interface Encoding {
    Emission run() throws StepFailure;
  }

  private static StepFailure failure(Encoding encoding) {
    try {
      encoding.run();
    } catch (StepFailure failure) {
      return failure;
    }
    throw new AssertionError("the record was accepted");
  }

  /** Maps and lists alternating, {@code levels} deep, with a number at the bottom. */
  static Object nested(int levels) {
    Object value = 1;
    for (int i = 0; i < levels; i++) {
      if (i % 2 == 0) {
        List<Object> list = new ArrayList<>();
        list.add(value);
        value = list;
      } else {
        value = Map.of("k", value);
      }
    }
    return value;
  }
}
