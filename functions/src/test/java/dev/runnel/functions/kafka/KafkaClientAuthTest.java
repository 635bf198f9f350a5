package dev.runnel.functions.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.emulators.MotoServer;
import dev.runnel.inference.secrets.ResolvedSecrets;
import dev.runnel.inference.secrets.SecretsManagerSecrets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * How a stage's producer authenticates (RUNNEL_KAFKA_AUTH, as the template sets it): credentials read from a real
 * Secrets Manager API (moto_server) when the producer is made, once, remembered for log redaction, never quoted in
 * an error; MSK IAM through the aws-msk-iam-auth login module on the classpath.
 */
class KafkaClientAuthTest {
  private static final String PASSWORD = "scram-password-\"q\\uote";
  private static MotoServer moto;
  private static String scramArn;
  private static String mtlsArn;
  private static String brokenArn;

  private final AtomicInteger clientsMade = new AtomicInteger();

  @BeforeAll
  static void startMoto() {
    moto = new MotoServer().start();
    try (SecretsManagerClient client = client()) {
      scramArn = client.createSecret(b -> b.name("runnel/kafka/scram")
          .secretString("{\"username\":\"stage-writer\",\"password\":\"" + PASSWORD.replace("\\", "\\\\")
              .replace("\"", "\\\"") + "\"}")).arn();
      mtlsArn = client.createSecret(b -> b.name("runnel/kafka/mtls").secretString(
          "{\"certificate\":\"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\","
              + "\"privateKey\":\"-----BEGIN PRIVATE KEY-----\\nMIIE-private-key-body\\n-----END PRIVATE KEY-----\"}"))
          .arn();
      brokenArn = client.createSecret(b -> b.name("runnel/kafka/broken")
          .secretString("{\"username\":\"only-a-user-no-password-here\"}")).arn();
    }
  }

  @AfterAll
  static void stopMoto() {
    moto.close();
  }

  private static SecretsManagerClient client() {
    return moto.configure(SecretsManagerClient.builder())
        .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(10))).build();
  }

  private KafkaClientAuth auth(String kind, String secretArn) {
    return KafkaClientAuth.fromEnvironment(Map.of(KafkaClientAuth.AUTH, kind, KafkaClientAuth.SECRET_ARN, secretArn),
        () -> {
          clientsMade.incrementAndGet();
          return new SecretsManagerSecrets(client());
        });
  }

  @Test
  void scramReadsTheSecretWhenTheProducerIsMadeOnceAndQuotesItForJaas() {
    KafkaClientAuth auth = auth("scram-512", scramArn);
    assertThat(clientsMade).as("nothing read at start-up (a SnapStart snapshot must not hold it)").hasValue(0);

    Map<String, Object> settings = auth.settings();
    auth.settings();

    assertThat(clientsMade).hasValue(1);
    assertThat(settings).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    assertThat((String) settings.get("sasl.jaas.config")).isEqualTo(
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"stage-writer\""
            + " password=\"scram-password-\\\"q\\\\uote\";");
    assertThat(ResolvedSecrets.values()).contains(PASSWORD);
  }

  @Test
  void mutualTlsTakesTheCertificateChainAndKeyAsPem() {
    Map<String, Object> settings = auth("mtls", mtlsArn).settings();
    assertThat(settings).containsEntry("security.protocol", "SSL").containsEntry("ssl.keystore.type", "PEM");
    assertThat((String) settings.get("ssl.keystore.certificate.chain")).startsWith("-----BEGIN CERTIFICATE-----\n");
    assertThat((String) settings.get("ssl.keystore.key")).contains("MIIE-private-key-body");
    assertThat(ResolvedSecrets.values()).anyMatch(v -> v.contains("MIIE-private-key-body"));
  }

  @Test
  void aSecretLackingAFieldIsAnErrorNamingTheSecretNotItsContents() {
    assertThatThrownBy(() -> auth("scram-512", brokenArn).settings())
        .hasMessageContaining(brokenArn).hasMessageContaining("'password'")
        .hasMessageNotContaining("only-a-user-no-password-here");
  }

  @Test
  void mskIamUsesTheLoginModuleOnTheClasspath() throws ClassNotFoundException {
    Map<String, Object> settings = KafkaClientAuth.fromEnvironment(Map.of(KafkaClientAuth.AUTH, "msk-iam"),
        () -> { throw new AssertionError("MSK IAM reads no secret"); }).settings();
    assertThat(settings).containsEntry("sasl.mechanism", "AWS_MSK_IAM").containsEntry("security.protocol", "SASL_SSL");
    Class.forName((String) settings.get("sasl.client.callback.handler.class"));
    Class.forName("software.amazon.msk.auth.iam.IAMLoginModule");
  }

  @Test
  void aMissingSecretOrAnUnknownAuthSaysWhatToSet() {
    assertThatThrownBy(() -> KafkaClientAuth.fromEnvironment(Map.of(KafkaClientAuth.AUTH, "scram-512"), () -> null))
        .hasMessageContaining(KafkaClientAuth.SECRET_ARN);
    assertThatThrownBy(() -> KafkaClientAuth.fromEnvironment(Map.of(KafkaClientAuth.AUTH, "plain"), () -> null))
        .hasMessageContaining("none, msk-iam, scram-512 or mtls");
    assertThat(KafkaClientAuth.fromEnvironment(Map.of(), () -> null)).isEqualTo(KafkaClientAuth.NONE);
  }

  @Test
  void theProducerGetsTheAuthenticationOnTopOfRunnelsSettings() {
    KafkaOutput output = KafkaOutput.of("127.0.0.1:9092").withAuth(auth("scram-512", scramArn));
    Map<String, Object> settings = output.producerSettings();
    assertThat(settings).containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("enable.idempotence", true)
        .containsEntry("acks", "all");
  }
}
