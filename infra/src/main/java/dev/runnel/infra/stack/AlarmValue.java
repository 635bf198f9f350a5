package dev.runnel.infra.stack;

import java.util.Objects;

/** A number of an alarm (its threshold, its evaluation periods): fixed in the template, or a stack parameter's value. */
public sealed interface AlarmValue permits AlarmValue.Fixed, AlarmValue.FromParameter {

  /** A value written into the template. */
  static AlarmValue fixed(double value) {
    return new Fixed(value);
  }

  /** The value of {@code parameter}, given at deploy time. */
  static AlarmValue of(AlarmParameter parameter) {
    return new FromParameter(parameter);
  }

  /**
   * A value written into the template.
   *
   * @param value the value
   */
  record Fixed(double value) implements AlarmValue {}

  /**
   * The value of a stack parameter ({@code Ref}).
   *
   * @param parameter the parameter
   */
  record FromParameter(AlarmParameter parameter) implements AlarmValue {
    public FromParameter {
      Objects.requireNonNull(parameter, "parameter");
    }
  }
}
