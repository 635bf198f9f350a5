package dev.runnel.deploytests.sam;

import java.util.Objects;

/**
 * Where the functions' code package lies in S3; every function's {@code CodeUri} is rewritten to it, as
 * {@code sam package} does.
 *
 * @param bucket the bucket
 * @param key    the object key of the zip
 */
public record CodeLocation(String bucket, String key) {
  public CodeLocation {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
  }
}
