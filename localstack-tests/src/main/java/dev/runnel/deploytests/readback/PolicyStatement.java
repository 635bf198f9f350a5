package dev.runnel.deploytests.readback;

import java.util.List;

/**
 * One statement of an IAM policy document, with single values normalised to lists.
 *
 * @param effect    Allow or Deny
 * @param actions   e.g. {@code kinesis:GetRecords}
 * @param resources ARNs (or {@code *})
 */
public record PolicyStatement(String effect, List<String> actions, List<String> resources) {
  public PolicyStatement {
    actions = List.copyOf(actions);
    resources = List.copyOf(resources);
  }
}
