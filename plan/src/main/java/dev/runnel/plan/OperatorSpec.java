package dev.runnel.plan;

import java.util.Objects;

/**
 * One user operator inside a stage.
 *
 * @param name       the operator's node name (its method name), unique in the job
 * @param kind       what the method does with a record
 * @param method     the method of the job class to call
 * @param from       the node it reads: the stage input's node or an earlier operator of the same stage
 * @param inputType  the fully qualified class of its parameter
 * @param outputType the fully qualified class of the records it emits
 */
public record OperatorSpec(
    String name, OperatorKind kind, String method, String from, String inputType, String outputType) {
  public OperatorSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(inputType, "inputType");
    Objects.requireNonNull(outputType, "outputType");
  }
}
