package dev.runnel.inference.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.emulators.MotoServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** SSM and Secrets Manager references against moto_server, started once for the class. */
class AwsSecretsTest {
  private static final String SSM_VALUE = "ssm-secret-7d1e";
  private static final String SECRETS_MANAGER_VALUE = "{\"apiKey\":\"sm-secret-93b2\"}";

  private static MotoServer moto;

  private final AtomicInteger ssmClientsMade = new AtomicInteger();
  private final AtomicInteger secretsManagerClientsMade = new AtomicInteger();
  private final SecretReferences secrets = new SecretReferences(Map.of(),
      () -> {
        ssmClientsMade.incrementAndGet();
        return ssm();
      },
      () -> {
        secretsManagerClientsMade.incrementAndGet();
        return secretsManager();
      });

  @BeforeAll
  static void startMoto() {
    moto = new MotoServer().start();
    try (SsmClient ssm = ssm(); SecretsManagerClient secretsManager = secretsManager()) {
      ssm.putParameter(b -> b.name("/runnel/test/api-key").type(ParameterType.SECURE_STRING).value(SSM_VALUE));
      secretsManager.createSecret(b -> b.name("runnel/test/api-key").secretString(SECRETS_MANAGER_VALUE));
      secretsManager.createSecret(b -> b.name("runnel/test/binary")
          .secretBinary(SdkBytes.fromUtf8String("binary-secret-55aa")));
    }
  }

  @AfterAll
  static void stopMoto() {
    moto.close();
  }

  @AfterEach
  void closeClients() {
    secrets.close();
  }

  @Test
  void resolvesASecureStringParameterAndASecretOnceEach() {
    assertThat(secrets.resolve("ssm:/runnel/test/api-key")).isEqualTo(SSM_VALUE);
    assertThat(secrets.resolve("secretsmanager:runnel/test/api-key")).isEqualTo(SECRETS_MANAGER_VALUE);
    assertThat(secrets.resolve("ssm:/runnel/test/api-key")).isEqualTo(SSM_VALUE);

    assertThat(ssmClientsMade).hasValue(1);
    assertThat(secretsManagerClientsMade).hasValue(1);
    assertThat(secrets.toString()).doesNotContain(SSM_VALUE, SECRETS_MANAGER_VALUE);
  }

  @Test
  void aMissingParameterOrSecretIsAnErrorNamingTheReference() {
    assertThatThrownBy(() -> secrets.resolve("ssm:/runnel/test/missing"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ssm:/runnel/test/missing")
        .hasMessageContaining("ParameterNotFound");
    assertThatThrownBy(() -> secrets.resolve("secretsmanager:runnel/test/missing"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("secretsmanager:runnel/test/missing")
        .hasMessageContaining("ResourceNotFoundException");
  }

  @Test
  void theValueNeverAppearsInAnError() {
    assertThatThrownBy(() -> secrets.resolve("secretsmanager:runnel/test/binary"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("secretsmanager:runnel/test/binary")
        .message().doesNotContain("binary-secret-55aa");
    // a parameter read by version that does not exist: the message names the reference, not the stored value
    assertThatThrownBy(() -> secrets.resolve("ssm:/runnel/test/api-key:9"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ssm:/runnel/test/api-key:9")
        .message().doesNotContain(SSM_VALUE);
  }

  @Test
  void theFunctionsOwnClientsReadThemWithTheDefaultRegionCredentialsAndEndpoint() {
    // the production factory, not the test's clients: default region, credentials and endpoint (from system
    // properties here, from the Lambda environment in AWS) and the HTTP client it names
    java.util.Map<String, String> properties = java.util.Map.of("aws.region", "us-east-1",
        "aws.accessKeyId", "test", "aws.secretAccessKey", "test", "aws.endpointUrl", moto.endpoint().toString());
    properties.forEach(System::setProperty);
    try (SecretReferences ofProcess = SecretReferences.of(Map.of())) {
      assertThat(ofProcess.resolve("ssm:/runnel/test/api-key")).isEqualTo(SSM_VALUE);
      assertThat(ofProcess.resolve("secretsmanager:runnel/test/api-key")).isEqualTo(SECRETS_MANAGER_VALUE);
    } finally {
      properties.keySet().forEach(System::clearProperty);
    }
  }

  private static SsmClient ssm() {
    return moto.configure(SsmClient.builder())
        .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(10)))
        .build();
  }

  private static SecretsManagerClient secretsManager() {
    return moto.configure(SecretsManagerClient.builder())
        .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(10)))
        .build();
  }
}
