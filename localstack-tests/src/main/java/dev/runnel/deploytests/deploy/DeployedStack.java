package dev.runnel.deploytests.deploy;

import dev.runnel.deploytests.sam.CfnTemplate;
import java.util.List;

/**
 * A stack that reached CREATE_COMPLETE.
 *
 * @param name      the stack name
 * @param template  the CloudFormation template it was created from (the SAM template, translated)
 * @param resources every resource of the stack
 */
public record DeployedStack(String name, CfnTemplate template, List<StackResource> resources) {
  public DeployedStack {
    resources = List.copyOf(resources);
  }

  /** The physical ids of the resources of {@code type}, in the order the stack lists them. */
  public List<String> physicalIds(String type) {
    return resources.stream().filter(r -> r.type().equals(type)).map(StackResource::physicalId).toList();
  }
}
