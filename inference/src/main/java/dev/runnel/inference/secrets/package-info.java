/**
 * Secrets such as API keys, resolved from references ({@code env:NAME}, {@code ssm:/name}, {@code secretsmanager:id}):
 * {@link dev.runnel.inference.secrets.SecretReferences} dispatches on the prefix and caches. Values never appear in
 * messages, logs or {@code toString()}.
 */
package dev.runnel.inference.secrets;
