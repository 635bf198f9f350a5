package dev.runnel.api.model;

/** The label a {@link Classify} operator's model chose: one of the operator's labels, exactly as declared. */
public record Label(String value) {
  /** True when this is {@code label}. */
  public boolean is(String label) {
    return value.equals(label);
  }
}
