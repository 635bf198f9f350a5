package dev.runnel.infra.cdk;

import java.util.Objects;
import java.util.function.Function;
import software.amazon.awscdk.Stack;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * A resource several jobs of one stack may share (a stream both read, a model key parameter), created once at the
 * stack's top level under its logical id, like the CDK's singleton functions. A second job asking for the same
 * logical id gets the same resource when it describes it equally, and a clear error otherwise.
 *
 * @param <T> the resource
 */
final class SharedResource<T> extends Construct {
  private final Object spec;
  private final T resource;

  private SharedResource(Stack stack, String logicalId, Object spec, Function<Construct, T> create) {
    super(stack, logicalId);
    this.spec = spec;
    this.resource = create.apply(this);
  }

  /** The stack's resource {@code logicalId} described by {@code spec}, made by {@code create} in its scope if new. */
  @SuppressWarnings("unchecked")
  static <T> T of(Construct scope, String logicalId, Object spec, Function<Construct, T> create) {
    Stack stack = Stack.of(scope);
    IConstruct existing = stack.getNode().tryFindChild(logicalId);
    if (existing == null) {
      return new SharedResource<>(stack, logicalId, spec, create).resource;
    }
    if (existing instanceof SharedResource<?> shared && Objects.equals(shared.spec, spec)) {
      return (T) shared.resource;
    }
    throw new IllegalArgumentException("two jobs define " + logicalId + " differently (or something else in stack "
        + stack.getStackName() + " has that id); give their resources distinct names or deploy them in separate "
        + "stacks");
  }
}
