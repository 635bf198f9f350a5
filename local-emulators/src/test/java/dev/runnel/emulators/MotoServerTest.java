package dev.runnel.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class MotoServerTest {
  private static MotoServer moto;

  @BeforeAll
  static void start() {
    moto = new MotoServer().start();
  }

  @AfterAll
  static void stop() {
    moto.close();
  }

  @Test
  void answersAnSdkClientConfiguredForIt() {
    try (DynamoDbClient client = moto.configure(DynamoDbClient.builder())
        .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(10)))
        .build()) {
      client.createTable(b -> b.tableName("moto-items")
          .billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
          .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));

      assertThat(client.listTables().tableNames()).contains("moto-items");
    }
    assertThat(moto.endpoint().getHost()).isEqualTo("127.0.0.1");
    assertThat(moto.logFile()).startsWith(ToolsDirectory.resolve()).exists();
  }

  @Test
  void closeLeavesNoProcessBehind() {
    MotoServer second = new MotoServer().start();
    long pid = second.pid();
    List<ProcessHandle> tree = ProcessHandle.of(pid).stream()
        .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
        .toList();
    assertThat(tree).isNotEmpty().allMatch(ProcessHandle::isAlive);

    second.close();
    second.close();

    assertThat(tree).noneMatch(ProcessHandle::isAlive);
  }
}
