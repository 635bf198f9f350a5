package dev.runnel.infra.stack;

import java.util.Objects;

/**
 * A parameter the stack takes at deploy time: the value of a model key a plan reads from the environment
 * ({@code env:NAME}). It is {@code NoEcho}, defaults to empty, and only its name appears in the template.
 *
 * @param logicalId   the parameter's name, from the variable ({@code OPENAI_API_KEY} → {@code OpenaiApiKey})
 * @param variable    the environment variable the functions read it from
 * @param description what it is
 */
public record StackParameter(String logicalId, String variable, String description) {
  public StackParameter {
    Objects.requireNonNull(logicalId, "logicalId");
    Objects.requireNonNull(variable, "variable");
    Objects.requireNonNull(description, "description");
  }
}
