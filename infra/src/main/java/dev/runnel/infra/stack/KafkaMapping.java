package dev.runnel.infra.stack;

import java.util.List;
import java.util.Objects;

/**
 * The Kafka event source mapping feeding a stage function from its input topic, in provisioned mode (the mode in which
 * Lambda honours partial batch responses, retry limits and bisection for Kafka). See docs/kafka.md, "Deployment".
 *
 * @param functionLogicalId      the stage function (its alias is invoked)
 * @param topic                  the topic it reads
 * @param consumerGroupId        the consumer group Lambda's pollers commit offsets in: {@code <job>-<stage>}
 * @param startingPosition       {@code TRIM_HORIZON}: nothing already in the topic is skipped
 * @param batchSize              records per invocation at most
 * @param batchingWindowSeconds  how long records are gathered
 * @param bisectOnError          split a failing batch and retry the halves
 * @param maximumRetryAttempts   retries before the batch is given up; -1 never gives up
 * @param minimumPollers         provisioned pollers kept even when idle (each is billed per hour)
 * @param maximumPollers         pollers at most: at most one per partition does work
 * @param functionResponseTypes  {@code ReportBatchItemFailures}
 * @param onFailureQueueLogicalId the queue told of a batch given up, or null in an exactly-once job, which never
 *                               gives up (Lambda caps infinite retries at 10 when a destination is set)
 */
public record KafkaMapping(String functionLogicalId, String topic, String consumerGroupId, String startingPosition,
    int batchSize, int batchingWindowSeconds, boolean bisectOnError, int maximumRetryAttempts, int minimumPollers,
    int maximumPollers, List<String> functionResponseTypes, String onFailureQueueLogicalId) {

  public KafkaMapping {
    Objects.requireNonNull(functionLogicalId, "functionLogicalId");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(consumerGroupId, "consumerGroupId");
    Objects.requireNonNull(startingPosition, "startingPosition");
    functionResponseTypes = List.copyOf(functionResponseTypes);
    if (minimumPollers < 1 || maximumPollers < minimumPollers || maximumPollers > 2_000) {
      throw new IllegalArgumentException("pollers must satisfy 1 <= minimum <= maximum <= 2000");
    }
    if (onFailureQueueLogicalId != null && maximumRetryAttempts == -1) {
      throw new IllegalArgumentException("a Kafka mapping that never gives up has no on-failure destination: Lambda"
          + " caps infinite retries at 10 when one is set");
    }
  }
}
