package dev.runnel.emulators;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The fixed region and dummy credentials every emulator client signs with; no real AWS account is ever used. */
public final class EmulatorCredentials {
  /** The region the emulators answer for. */
  public static final Region REGION = Region.US_EAST_1;

  private EmulatorCredentials() {}

  /** Static dummy credentials (letters only: DynamoDB Local rejects other key ids), so the SDK never looks for real ones. */
  public static AwsCredentialsProvider provider() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("runnellocal", "runnellocal"));
  }
}
