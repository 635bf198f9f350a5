package dev.runnel.functions.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.functions.output.WriteResult;
import dev.runnel.functions.retry.RetryPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

class PositionedItemWriterThreadsTest {
  /**
   * A writer nobody closes keeps no thread once idle: every StageHandler builds one, and a process building many (the
   * fault harness's crash and zombie handlers) reached 17,500 threads and could not start another.
   */
  @Test
  void idleWriterThreadsEnd() throws Exception {
    DynamoDbClient accepting = new DynamoDbClient() {
      @Override
      public PutItemResponse putItem(PutItemRequest request) {
        return PutItemResponse.builder().build();
      }

      @Override
      public String serviceName() {
        return "dynamodb";
      }

      @Override
      public void close() {
      }
    };
    PositionedItemWriter writer = new PositionedItemWriter(accepting, RetryPolicy.DEFAULT, 100);
    List<Map<String, AttributeValue>> items = List.of(
        Map.of("id", AttributeValue.fromS("a")), Map.of("id", AttributeValue.fromS("b")));
    WriteResult written = writer.put("t", items, List.of("1", "2"));
    int busy = writer.liveThreads(); // read at once: the threads may end 100 ms after their last write
    assertThat(written.failed()).isEmpty();
    assertThat(busy).isPositive();
    long deadline = System.currentTimeMillis() + 5_000;
    while (writer.liveThreads() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(writer.liveThreads()).as("writer threads alive after idling").isZero();
  }
}
