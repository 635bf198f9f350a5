package dev.runnel.infra.stack;

import java.util.List;
import java.util.Objects;

/**
 * One {@code Allow} statement of a function's inline policy.
 *
 * @param sid       the statement id: what it is for
 * @param actions   the IAM actions, sorted
 * @param resources the resources, never {@code *}
 * @param condition the stack condition the statement exists under (a key parameter is set), or null for always
 */
public record PolicyStatement(String sid, List<String> actions, List<ArnRef> resources, String condition) {
  public PolicyStatement {
    Objects.requireNonNull(sid, "sid");
    actions = actions.stream().sorted().distinct().toList();
    resources = resources.stream().distinct().toList();
    if (actions.isEmpty() || resources.isEmpty()) {
      throw new IllegalArgumentException("statement " + sid + " needs actions and resources");
    }
  }

  /** A statement that always exists. */
  public PolicyStatement(String sid, List<String> actions, List<ArnRef> resources) {
    this(sid, actions, resources, null);
  }
}
