package dev.runnel.infra.sam;

import dev.runnel.infra.stack.AlarmParameter;
import dev.runnel.infra.stack.AlarmResource;
import dev.runnel.infra.stack.DeploymentSettings;
import dev.runnel.infra.stack.FunctionResource;
import dev.runnel.infra.stack.KafkaMapping;
import dev.runnel.infra.stack.KafkaParameter;
import dev.runnel.infra.stack.KmsKeyParameter;
import dev.runnel.infra.stack.LogicalIds;
import dev.runnel.infra.stack.StackModel;
import dev.runnel.infra.stack.StackParameter;
import dev.runnel.infra.stack.StreamResource;
import dev.runnel.infra.stack.TableResource;
import dev.runnel.plan.Plan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A SAM template deploying one or more jobs: their streams, tables, dead-letter queues, functions (with their event
 * source mappings and tick schedules as SAM events), alarms, dashboards, and the parameters they take. Rendering is
 * deterministic: the same plans give the same text, byte for byte.
 *
 * @param jobClasses the jobs' classes, in the order given
 * @param tree       the template as ordered maps and lists
 */
public record SamTemplate(List<String> jobClasses, Map<String, Object> tree) {
  /** The command that regenerates a template, before the job classes. */
  public static final String COMMAND = "./runnel template";

  public SamTemplate {
    jobClasses = List.copyOf(jobClasses);
    Objects.requireNonNull(tree, "tree");
  }

  /** The template of {@code plans}, deployed as {@code settings} say. */
  public static SamTemplate of(List<Plan> plans, DeploymentSettings settings) {
    return ofStacks(plans.stream().map(plan -> StackModel.of(plan, settings)).toList());
  }

  /**
   * The template of {@code stacks}. A resource two jobs share (a source stream both read) appears once; two different
   * resources with one logical id are refused.
   */
  public static SamTemplate ofStacks(List<StackModel> stacks) {
    if (stacks.isEmpty()) {
      throw new IllegalArgumentException("a template needs at least one job");
    }
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put(SamResources.ALARM_TOPIC, SamResources.ordered("Type", "String", "Default", "",
        "Description", "An SNS topic ARN the alarms notify; empty for none"));
    Map<String, Object> conditions = new LinkedHashMap<>();
    conditions.put(SamResources.HAS_ALARM_TOPIC, SamResources.isSet(SamResources.ALARM_TOPIC));
    Map<String, Object> resources = new LinkedHashMap<>();
    Map<String, Object> outputs = new LinkedHashMap<>();
    for (StackModel stack : stacks) {
      KmsKeyParameter key = stack.deadLetterKey();
      put(parameters, key.logicalId(), SamResources.keyParameter(key));
      put(conditions, key.condition(), SamResources.isSet(key.logicalId()));
      for (StackParameter parameter : stack.parameters()) {
        put(parameters, parameter.logicalId(), SamResources.ordered("Type", "String", "NoEcho", true,
            "Default", "", "Description", parameter.description()));
      }
      for (StreamResource stream : stack.streams()) {
        put(resources, stream.logicalId(), SamResources.stream(stream));
      }
      for (TableResource table : stack.tables()) {
        put(resources, table.logicalId(), SamResources.table(table));
      }
      put(resources, stack.deadLetterQueue().logicalId(), SamResources.queue(stack.deadLetterQueue()));
      for (FunctionResource function : stack.functions()) {
        put(resources, function.logicalId(), SamResources.function(stack, function));
      }
      for (dev.runnel.infra.stack.EventSourceMapping mapping : stack.mappings()) {
        put(resources, SamResources.mappingLogicalId(mapping), SamResources.mapping(mapping));
      }
      if (stack.kafka() != null) {
        for (KafkaParameter parameter : stack.kafka().parameters()) {
          put(parameters, parameter.logicalId(), SamResources.kafkaParameter(parameter));
        }
        for (KafkaMapping mapping : stack.kafka().mappings()) {
          put(resources, LogicalIds.mapping(mapping.functionLogicalId()),
              SamResources.kafkaMapping(mapping, stack.kafka().cluster()));
        }
        put(outputs, LogicalIds.pascal(stack.job()) + "KafkaTopics", SamResources.ordered(
            "Description", "Topics (name:partitions) to create on the Kafka cluster before deploying job "
                + stack.job() + "; CloudFormation has no resource for a Kafka topic",
            "Value", stack.kafka().topicList()));
      }
      for (AlarmResource alarm : stack.alarms()) {
        put(resources, alarm.logicalId(), SamResources.alarm(alarm));
      }
      put(resources, stack.dashboard().logicalId(), SamResources.dashboard(stack.dashboard()));
      for (AlarmParameter parameter : stack.alarmParameters()) {
        put(parameters, parameter.logicalId(), SamResources.alarmParameter(parameter));
      }
    }
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("AWSTemplateFormatVersion", "2010-09-09");
    tree.put("Transform", "AWS::Serverless-2016-10-31");
    tree.put("Description", "Runnel jobs " + String.join(", ", stacks.stream().map(StackModel::job).toList())
        + ": stages as Lambda functions fed by "
        + (stacks.stream().anyMatch(s -> s.kafka() != null) ? "Kinesis and Kafka" : "Kinesis") + ", state in DynamoDB");
    tree.put("Parameters", parameters);
    tree.put("Conditions", conditions);
    tree.put("Resources", resources);
    if (!outputs.isEmpty()) {
      tree.put("Outputs", outputs);
    }
    return new SamTemplate(stacks.stream().map(StackModel::jobClass).toList(), tree);
  }

  /** The template as YAML, after a header saying it is generated and by which command. */
  public String yaml() {
    return header() + Yaml.write(tree);
  }

  /** The command that regenerates this template. */
  public String command() {
    return COMMAND + " " + String.join(" ", jobClasses);
  }

  private String header() {
    return "# Generated by Runnel from the jobs' plans; do not edit. Regenerate with:\n"
        + "#   " + command() + "\n"
        + "# Deploy with `sam deploy --guided` once the function package each CodeUri names is built (docs/deployment.md).\n";
  }

  private static void put(Map<String, Object> section, String logicalId, Object value) {
    Object existing = section.putIfAbsent(logicalId, value);
    if (existing != null && !existing.equals(value)) {
      throw new IllegalArgumentException("two jobs define " + logicalId + " differently; give their resources "
          + "distinct names or deploy them in separate templates");
    }
  }
}
