package dev.runnel.functions.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.inference.secrets.ResolvedSecrets;
import dev.runnel.inference.secrets.SecretSource;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a stage's Kafka producer authenticates, as {@code RUNNEL_KAFKA_AUTH} says (the template sets it, docs/kafka.md
 * "Deployment"): {@code none} (plaintext: local runs), {@code msk-iam} (Amazon MSK with IAM: the function's role),
 * {@code scram-512} or {@code mtls} (a self-managed cluster: credentials in the Secrets Manager secret
 * {@code RUNNEL_KAFKA_SECRET_ARN} names). Credentials are read when the producer is first made, never at start-up (a
 * SnapStart snapshot must not hold them), remembered for log redaction, and never put in a message.
 */
public sealed interface KafkaClientAuth {
  /** The variable naming the authentication. */
  String AUTH = "RUNNEL_KAFKA_AUTH";
  /** The variable naming the credentials' secret (self-managed clusters). */
  String SECRET_ARN = "RUNNEL_KAFKA_SECRET_ARN";
  /** Plaintext, no authentication. */
  KafkaClientAuth NONE = new None();

  /** The producer settings that authenticate, reading the credentials now if they are needed. */
  Map<String, Object> settings();

  /** The authentication {@code environment} names; {@code secrets} reads a secret when one is needed. */
  static KafkaClientAuth fromEnvironment(Map<String, String> environment, Supplier<SecretSource> secrets) {
    String auth = environment.getOrDefault(AUTH, "none").trim();
    return switch (auth) {
      case "", "none" -> NONE;
      case "msk-iam" -> new MskIam();
      case "scram-512", "mtls" -> {
        String secret = environment.get(SECRET_ARN);
        if (secret == null || secret.isBlank()) {
          throw new IllegalStateException(AUTH + " is " + auth + " but " + SECRET_ARN + " is not set: name the"
              + " Secrets Manager secret holding the cluster's credentials (docs/kafka.md, Deployment)");
        }
        Supplier<SecretSource> once = new Supplier<>() {
          private SecretSource source;

          @Override
          public synchronized SecretSource get() {
            if (source == null) {
              source = secrets.get();
            }
            return source;
          }
        };
        yield auth.equals("mtls") ? new Mtls(secret.trim(), once) : new Scram(secret.trim(), once);
      }
      default -> throw new IllegalStateException(AUTH + " is '" + auth + "': use none, msk-iam, scram-512 or mtls");
    };
  }

  /** Plaintext. */
  record None() implements KafkaClientAuth {
    @Override
    public Map<String, Object> settings() {
      return Map.of();
    }
  }

  /** IAM access control on Amazon MSK (the aws-msk-iam-auth SASL mechanism, the function role's credentials). */
  record MskIam() implements KafkaClientAuth {
    @Override
    public Map<String, Object> settings() {
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("security.protocol", "SASL_SSL");
      settings.put("sasl.mechanism", "AWS_MSK_IAM");
      settings.put("sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;");
      settings.put("sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
      return settings;
    }
  }

  /**
   * SASL/SCRAM-SHA-512 over TLS, the secret a JSON object with {@code username} and {@code password} (the form Lambda's
   * mapping reads too).
   *
   * @param secretArn the secret
   * @param secrets   where secrets are read
   */
  record Scram(String secretArn, Supplier<SecretSource> secrets) implements KafkaClientAuth {
    public Scram {
      Objects.requireNonNull(secretArn, "secretArn");
      Objects.requireNonNull(secrets, "secrets");
    }

    @Override
    public Map<String, Object> settings() {
      JsonNode secret = SecretJson.read(secretArn, secrets);
      String username = SecretJson.field(secret, "username", secretArn);
      String password = SecretJson.field(secret, "password", secretArn);
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("security.protocol", "SASL_SSL");
      settings.put("sasl.mechanism", "SCRAM-SHA-512");
      settings.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
          + SecretJson.jaasQuoted(username) + "\" password=\"" + SecretJson.jaasQuoted(password) + "\";");
      return settings;
    }
  }

  /**
   * Mutual TLS, the secret a JSON object with {@code certificate} (the client certificate chain, PEM) and
   * {@code privateKey} (unencrypted PKCS#8, PEM), the form Lambda's mapping reads too.
   *
   * @param secretArn the secret
   * @param secrets   where secrets are read
   */
  record Mtls(String secretArn, Supplier<SecretSource> secrets) implements KafkaClientAuth {
    public Mtls {
      Objects.requireNonNull(secretArn, "secretArn");
      Objects.requireNonNull(secrets, "secrets");
    }

    @Override
    public Map<String, Object> settings() {
      JsonNode secret = SecretJson.read(secretArn, secrets);
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("security.protocol", "SSL");
      settings.put("ssl.keystore.type", "PEM");
      settings.put("ssl.keystore.certificate.chain", SecretJson.field(secret, "certificate", secretArn));
      settings.put("ssl.keystore.key", SecretJson.field(secret, "privateKey", secretArn));
      return settings;
    }
  }

  /** Reading a credentials secret's JSON; its values are remembered as secrets and never quoted in messages. */
  final class SecretJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecretJson() {}

    static JsonNode read(String secretArn, Supplier<SecretSource> secrets) {
      String value = secrets.get().resolve("secretsmanager:" + secretArn);
      ResolvedSecrets.remember(value);
      try {
        JsonNode node = JSON.readTree(value);
        if (node == null || !node.isObject()) {
          throw new IllegalStateException("the Kafka credentials secret " + secretArn + " is not a JSON object");
        }
        return node;
      } catch (IOException e) {
        throw new IllegalStateException("the Kafka credentials secret " + secretArn + " is not JSON", null);
      }
    }

    static String field(JsonNode secret, String name, String secretArn) {
      JsonNode field = secret.get(name);
      if (field == null || !field.isTextual() || field.asText().isEmpty()) {
        throw new IllegalStateException("the Kafka credentials secret " + secretArn + " has no '" + name
            + "' text field (docs/kafka.md, Deployment)");
      }
      ResolvedSecrets.remember(field.asText());
      return field.asText();
    }

    /** The value escaped for a double-quoted JAAS option. */
    static String jaasQuoted(String value) {
      return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
  }
}
