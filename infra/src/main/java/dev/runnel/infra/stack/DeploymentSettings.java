package dev.runnel.infra.stack;

import java.util.Objects;

/**
 * Choices a deployment makes that the plan does not: where the function code is and how functions and streams are
 * sized.
 *
 * @param codeUri                 the function package (a jar holding the runtime, the job classes and their plans)
 * @param memoryMb                a stage function's memory
 * @param modelMemoryMb           the memory of a stage function running an in-process model
 * @param timeoutSeconds          a stage function's timeout when it calls no model (models add their attempts)
 * @param streamRetentionHours    how long Kinesis keeps records (24 to 8760)
 * @param maximumRecordAgeSeconds the record age after which an at-least-once stage gives a failing batch up to the
 *                                dead-letter queue (60 to 604,800); exactly-once stages never give up
 * @param planResourceDirectory   the classpath directory holding {@code <job>.json} plans in the function package
 * @param kafka                   the Kafka cluster a job with topics is deployed against (ignored without topics)
 */
public record DeploymentSettings(String codeUri, int memoryMb, int modelMemoryMb, int timeoutSeconds,
    int streamRetentionHours, int maximumRecordAgeSeconds, String planResourceDirectory, KafkaCluster kafka) {

  /** The examples' function package, built by {@code mvn -pl examples package}. */
  public static final String EXAMPLES_CODE_URI = "examples/target/runnel-examples-lambda.jar";

  /**
   * The defaults: 1024 MB (2048 with an in-process model), 60 s, 24 h retention, a failing at-least-once batch given
   * up after 6 h (leaving 18 h of retention to re-read the range the dead-letter queue names), plans in
   * {@code /runnel/plans}, Kafka topics on Amazon MSK with IAM.
   */
  public static final DeploymentSettings DEFAULT =
      new DeploymentSettings(EXAMPLES_CODE_URI, 1024, 2048, 60, 24, 21_600, "/runnel/plans", KafkaCluster.MSK_IAM);

  public DeploymentSettings {
    Objects.requireNonNull(codeUri, "codeUri");
    Objects.requireNonNull(planResourceDirectory, "planResourceDirectory");
    Objects.requireNonNull(kafka, "kafka");
    if (memoryMb < 128 || memoryMb > 10_240 || modelMemoryMb < 128 || modelMemoryMb > 10_240) {
      throw new IllegalArgumentException("memory must be 128..10240 MB");
    }
    if (timeoutSeconds < 1 || timeoutSeconds > 900) {
      throw new IllegalArgumentException("timeoutSeconds must be 1..900, not " + timeoutSeconds);
    }
    if (streamRetentionHours < 24 || streamRetentionHours > 8760) {
      throw new IllegalArgumentException("streamRetentionHours must be 24..8760, not " + streamRetentionHours);
    }
    if (maximumRecordAgeSeconds < 60 || maximumRecordAgeSeconds > 604_800) {
      throw new IllegalArgumentException("maximumRecordAgeSeconds must be 60..604800, not " + maximumRecordAgeSeconds);
    }
  }

  /** The same settings with another function package. */
  public DeploymentSettings withCodeUri(String codeUri) {
    return new DeploymentSettings(codeUri, memoryMb, modelMemoryMb, timeoutSeconds, streamRetentionHours,
        maximumRecordAgeSeconds, planResourceDirectory, kafka);
  }

  /** The same settings with topics on another Kafka cluster. */
  public DeploymentSettings withKafka(KafkaCluster kafka) {
    return new DeploymentSettings(codeUri, memoryMb, modelMemoryMb, timeoutSeconds, streamRetentionHours,
        maximumRecordAgeSeconds, planResourceDirectory, kafka);
  }
}
