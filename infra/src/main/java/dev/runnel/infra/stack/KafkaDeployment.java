package dev.runnel.infra.stack;

import java.util.List;
import java.util.Objects;

/**
 * The Kafka side of a job's stack: the cluster it is deployed against, the topics it needs (created outside the stack:
 * CloudFormation has no resource for a Kafka topic), the event source mappings of the stages reading topics, and the
 * parameters locating the cluster.
 *
 * @param cluster    the cluster and how to authenticate to it
 * @param topics     every topic of the plan, with its partition count, in plan order
 * @param mappings   one per stage reading a topic, in stage order
 * @param parameters the parameters locating the cluster ({@link KafkaAccess#parameters})
 */
public record KafkaDeployment(KafkaCluster cluster, List<KafkaTopic> topics, List<KafkaMapping> mappings,
    List<KafkaParameter> parameters) {
  public KafkaDeployment {
    Objects.requireNonNull(cluster, "cluster");
    topics = List.copyOf(topics);
    mappings = List.copyOf(mappings);
    parameters = List.copyOf(parameters);
  }

  /**
   * A topic the job reads or writes.
   *
   * @param name       its name
   * @param partitions its partition count, as planned
   */
  public record KafkaTopic(String name, int partitions) {
    public KafkaTopic {
      Objects.requireNonNull(name, "name");
    }
  }

  /** The topics as {@code name:partitions,...}, the stack output an operator creates them from. */
  public String topicList() {
    return String.join(",", topics.stream().map(t -> t.name() + ":" + t.partitions()).toList());
  }
}
