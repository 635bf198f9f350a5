package dev.runnel.infra.stack;

import java.util.Objects;

/**
 * The Kafka cluster a job's topics live on, chosen at deployment (the plan names topics, not clusters): an Amazon MSK
 * cluster reached with IAM, or a self-managed cluster reached with SASL/SCRAM or mutual TLS, its credentials in a
 * Secrets Manager secret. Both sit in a VPC: the functions writing topics and (for self-managed Kafka) the event
 * source mappings join {@code subnets} of its subnets.
 *
 * @param auth    how functions and mappings authenticate
 * @param subnets how many subnets of the {@code KafkaSubnetIds} parameter a self-managed mapping is placed in (1..16)
 */
public record KafkaCluster(KafkaAuth auth, int subnets) {
  /** The default: Amazon MSK with IAM, two subnets. */
  public static final KafkaCluster MSK_IAM = new KafkaCluster(KafkaAuth.MSK_IAM, 2);

  public KafkaCluster {
    Objects.requireNonNull(auth, "auth");
    if (subnets < 1 || subnets > 16) {
      throw new IllegalArgumentException("a Kafka cluster's functions join 1..16 subnets, not " + subnets);
    }
  }

  /** How a stage authenticates to the cluster: the value of {@code RUNNEL_KAFKA_AUTH} and the mapping's access type. */
  public enum KafkaAuth {
    /** Amazon MSK with IAM access control: the function's role is the identity. */
    MSK_IAM("msk-iam", null),
    /** Self-managed Kafka with SASL/SCRAM-SHA-512: the secret holds {@code username} and {@code password}. */
    SASL_SCRAM_512("scram-512", "SASL_SCRAM_512_AUTH"),
    /** Self-managed Kafka with mutual TLS: the secret holds {@code certificate} and {@code privateKey} (PEM). */
    MTLS("mtls", "CLIENT_CERTIFICATE_TLS_AUTH");

    private final String name;
    private final String accessType;

    KafkaAuth(String name, String accessType) {
      this.name = name;
      this.accessType = accessType;
    }

    /** Its name in {@code RUNNEL_KAFKA_AUTH} and on the command line. */
    public String externalName() {
      return name;
    }

    /** The event source mapping's {@code SourceAccessConfigurations} type of the secret; null for MSK with IAM. */
    public String accessType() {
      return accessType;
    }

    /** True for a self-managed cluster (bootstrap servers and a secret instead of an MSK cluster ARN). */
    public boolean selfManaged() {
      return this != MSK_IAM;
    }

    /** The auth named {@code name} ({@link #externalName()}). */
    public static KafkaAuth named(String name) {
      for (KafkaAuth auth : values()) {
        if (auth.name.equals(name)) {
          return auth;
        }
      }
      throw new IllegalArgumentException("no Kafka authentication '" + name + "': use msk-iam, scram-512 or mtls");
    }
  }
}
