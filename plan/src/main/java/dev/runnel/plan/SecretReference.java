package dev.runnel.plan;

/** Where a secret comes from: {@code env:NAME}, {@code ssm:/parameter/name} or {@code secretsmanager:secret-id}. */
public final class SecretReference {
  /** The prefixes a reference starts with. */
  public static final String ENV = "env:";
  public static final String SSM = "ssm:";
  public static final String SECRETS_MANAGER = "secretsmanager:";

  private SecretReference() {}

  /** True when {@code value} names a secret's location with a known prefix and a non-empty name. */
  public static boolean isReference(String value) {
    for (String prefix : new String[] {ENV, SSM, SECRETS_MANAGER}) {
      if (value.startsWith(prefix) && value.length() > prefix.length()) {
        String name = value.substring(prefix.length());
        return prefix.equals(ENV) ? name.matches("[A-Za-z_][A-Za-z0-9_]*") : name.matches("[A-Za-z0-9_./:+=@-]+");
      }
    }
    return false;
  }
}
