package dev.runnel.infra.cdk;

import dev.runnel.infra.stack.KafkaAccess;
import dev.runnel.infra.stack.KafkaCluster;
import dev.runnel.infra.stack.KafkaMapping;
import dev.runnel.infra.stack.KafkaParameter;
import dev.runnel.infra.stack.LogicalIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.lambda.CfnEventSourceMapping;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The Kafka side of a job in the CDK: the parameters locating the cluster and each Kafka-reading stage's event source
 * mapping, as the SAM writer renders them (SamResources.kafkaMapping).
 */
final class KafkaTriggers {
  private KafkaTriggers() {}

  /** The parameter {@code parameter}, with its logical id. */
  static CfnParameter parameter(Construct scope, KafkaParameter parameter) {
    CfnParameter.Builder builder = CfnParameter.Builder.create(scope, parameter.logicalId())
        .type(parameter.type())
        .description(parameter.description());
    if (parameter.allowedPattern() != null) {
      builder.allowedPattern(parameter.allowedPattern());
    }
    CfnParameter cfn = builder.build();
    cfn.overrideLogicalId(parameter.logicalId());
    return cfn;
  }

  /**
   * The mapping feeding {@code alias} from its topic, in provisioned mode; {@code parameters} holds the Kafka
   * parameters' tokens by logical id (lists as list tokens), {@code queueArn} the on-failure destination's ARN.
   */
  static CfnEventSourceMapping mapping(Construct scope, KafkaMapping mapping, KafkaCluster cluster, IFunction alias,
      Map<String, Object> parameters, String queueArn) {
    String logicalId = LogicalIds.mapping(mapping.functionLogicalId());
    CfnEventSourceMapping.Builder builder = CfnEventSourceMapping.Builder.create(scope, logicalId)
        .functionName(alias.getFunctionArn())
        .topics(List.of(mapping.topic()))
        .startingPosition(mapping.startingPosition())
        .batchSize(mapping.batchSize())
        .maximumBatchingWindowInSeconds(mapping.batchingWindowSeconds())
        .provisionedPollerConfig(CfnEventSourceMapping.ProvisionedPollerConfigProperty.builder()
            .minimumPollers(mapping.minimumPollers()).maximumPollers(mapping.maximumPollers()).build())
        .bisectBatchOnFunctionError(mapping.bisectOnError())
        .maximumRetryAttempts(mapping.maximumRetryAttempts())
        .functionResponseTypes(mapping.functionResponseTypes());
    if (cluster.auth().selfManaged()) {
      String servers = (String) parameters.get(KafkaAccess.BOOTSTRAP_SERVERS);
      @SuppressWarnings("unchecked")
      List<String> subnets = (List<String>) parameters.get(KafkaAccess.SUBNET_IDS);
      @SuppressWarnings("unchecked")
      List<String> groups = (List<String>) parameters.get(KafkaAccess.SECURITY_GROUP_IDS);
      List<CfnEventSourceMapping.SourceAccessConfigurationProperty> access = new ArrayList<>();
      access.add(access(cluster.auth().accessType(), (String) parameters.get(KafkaAccess.SECRET_ARN)));
      for (int i = 0; i < cluster.subnets(); i++) {
        access.add(access("VPC_SUBNET", Fn.sub("subnet:${Subnet}", Map.of("Subnet", Fn.select(i, subnets)))));
      }
      access.add(access("VPC_SECURITY_GROUP", Fn.sub("security_group:${Group}", Map.of("Group", Fn.select(0, groups)))));
      builder.selfManagedEventSource(CfnEventSourceMapping.SelfManagedEventSourceProperty.builder()
              .endpoints(CfnEventSourceMapping.EndpointsProperty.builder()
                  .kafkaBootstrapServers(Fn.split(",", servers)).build())
              .build())
          .selfManagedKafkaEventSourceConfig(CfnEventSourceMapping.SelfManagedKafkaEventSourceConfigProperty.builder()
              .consumerGroupId(mapping.consumerGroupId()).build())
          .sourceAccessConfigurations(access);
    } else {
      builder.eventSourceArn((String) parameters.get(KafkaAccess.CLUSTER_ARN))
          .amazonManagedKafkaEventSourceConfig(CfnEventSourceMapping.AmazonManagedKafkaEventSourceConfigProperty
              .builder().consumerGroupId(mapping.consumerGroupId()).build());
    }
    if (mapping.onFailureQueueLogicalId() != null) {
      builder.destinationConfig(CfnEventSourceMapping.DestinationConfigProperty.builder()
          .onFailure(CfnEventSourceMapping.OnFailureProperty.builder().destination(queueArn).build())
          .build());
    }
    CfnEventSourceMapping cfn = builder.build();
    cfn.overrideLogicalId(logicalId);
    return cfn;
  }

  private static CfnEventSourceMapping.SourceAccessConfigurationProperty access(String type, String uri) {
    return CfnEventSourceMapping.SourceAccessConfigurationProperty.builder().type(type).uri(uri).build();
  }
}
