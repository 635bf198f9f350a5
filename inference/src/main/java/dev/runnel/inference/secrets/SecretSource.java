package dev.runnel.inference.secrets;

/**
 * Resolves a secret reference ({@code env:NAME}, {@code ssm:/name}, {@code secretsmanager:id}; see
 * {@link dev.runnel.plan.SecretReference}) to its value. Values are never logged or put in messages.
 */
@FunctionalInterface
public interface SecretSource {
  /**
   * The secret's value.
   *
   * @throws IllegalStateException naming the reference (not the value) when it cannot be read
   */
  String resolve(String reference);
}
