package dev.runnel.infra.stack;

import java.util.Objects;

/** The value of a function's environment variable: a literal, or a (NoEcho) stack parameter's value. */
public sealed interface EnvValue permits EnvValue.Literal, EnvValue.FromParameter {

  /** A plain value, written into the template. Never a secret. */
  static EnvValue literal(String value) {
    return new Literal(value);
  }

  /**
   * A literal value.
   *
   * @param value the value
   */
  record Literal(String value) implements EnvValue {
    public Literal {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * The value of a stack parameter, given at deploy time ({@code Ref}); the template holds only its name.
   *
   * @param parameterLogicalId the parameter
   */
  record FromParameter(String parameterLogicalId) implements EnvValue {
    public FromParameter {
      Objects.requireNonNull(parameterLogicalId, "parameterLogicalId");
    }
  }
}
