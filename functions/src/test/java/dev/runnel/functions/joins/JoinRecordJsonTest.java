package dev.runnel.functions.joins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.runnel.functions.codec.JsonEncoder;
import dev.runnel.functions.codec.RunnelJson;
import dev.runnel.plan.JoinSide;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Records of a join's stream: written tagged by the inputs' stages, decoded into their side's type by the join's
 * stage, and stored in its windows in the same form; a record tagged otherwise is refused with what is wrong.
 */
class JoinRecordJsonTest {
  public record Person(long id, String name) {}

  public record Auction(long id, long seller) {}

  private static final JavaType TYPE = JoinRecord.type(TypeFactory.defaultInstance(), Person.class.getName(),
      Auction.class.getName());
  private final JoinInputDecoder decoder = new JoinInputDecoder(TYPE);

  @Test
  void whatAnInputWritesTheJoinReadsAsItsSidesType() throws Exception {
    byte[] left = JsonEncoder.tagged(Person.class, "left").encode(new Person(7, "ana"));
    byte[] right = JsonEncoder.tagged(Auction.class, "right").encode(new Auction(1, 7));
    assertThat(new String(left, StandardCharsets.UTF_8)).isEqualTo("{\"left\":{\"id\":7,\"name\":\"ana\"}}");
    assertThat(decoder.decode(left)).isEqualTo(new JoinRecord<>(JoinSide.LEFT, new Person(7, "ana")));
    assertThat(decoder.decode(right)).isEqualTo(new JoinRecord<>(JoinSide.RIGHT, new Auction(1, 7)));
  }

  @Test
  void aWindowsRecordsKeepTheirSidesThroughStorage() throws Exception {
    List<JoinRecord<?, ?>> window = List.of(new JoinRecord<>(JoinSide.LEFT, new Person(7, "ana")),
        new JoinRecord<>(JoinSide.RIGHT, new Auction(1, 7)), new JoinRecord<>(JoinSide.LEFT, new Person(7, "bo")));
    String stored = RunnelJson.MAPPER.writeValueAsString(window);
    assertThat(stored).isEqualTo("[{\"left\":{\"id\":7,\"name\":\"ana\"}},{\"right\":{\"id\":1,\"seller\":7}},"
        + "{\"left\":{\"id\":7,\"name\":\"bo\"}}]");
    JavaType list = TypeFactory.defaultInstance().constructCollectionType(List.class, TYPE);
    assertThat((List<?>) RunnelJson.MAPPER.readValue(stored, list)).isEqualTo(window);
  }

  @Test
  void aRecordTaggedOtherwiseIsRefusedWithWhatIsWrong() {
    assertThatThrownBy(() -> decoder.decode(bytes("{\"middle\":{\"id\":7,\"name\":\"ana\"}}")))
        .hasMessageContaining("tagged \"left\" or \"right\", not \"middle\"");
    assertThatThrownBy(() -> decoder.decode(bytes("{\"left\":{\"id\":7,\"name\":\"ana\"},\"right\":{}}")))
        .hasMessageContaining("\"left\" is followed by more");
    assertThatThrownBy(() -> decoder.decode(bytes("{\"id\":7,\"name\":\"ana\"}")))
        .hasMessageContaining("not \"id\"");
    assertThatThrownBy(() -> decoder.decode(bytes("{\"right\":{\"id\":\"x\",\"seller\":7}}")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
