package dev.runnel.deploytests.backend;

import dev.runnel.deploytests.sam.CfnTemplate;
import dev.runnel.emulators.MotoServer;
import java.util.EnumSet;
import java.util.Set;
import dev.runnel.localrunner.run.LocalEmulators;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * moto for the control plane (CloudFormation creates the stack there; moto cannot run Lambda code, so its functions
 * are never invoked), DynamoDB Local and kinesis-local for the data plane, all on loopback.
 */
public final class EmulatorBackend implements Backend {
  private final MotoServer moto;
  private final LocalEmulators dataPlane;

  private EmulatorBackend(MotoServer moto, LocalEmulators dataPlane) {
    this.moto = moto;
    this.dataPlane = dataPlane;
  }

  /** Starts moto, DynamoDB Local and kinesis-local side by side (about 6 s); if one fails, the others stop. */
  public static EmulatorBackend start() {
    MotoServer moto = new MotoServer();
    CompletableFuture<MotoServer> motoStarted = CompletableFuture.supplyAsync(moto::start);
    try {
      LocalEmulators dataPlane = LocalEmulators.start();
      try {
        motoStarted.join();
      } catch (RuntimeException e) {
        dataPlane.close();
        throw e;
      }
      return new EmulatorBackend(moto, dataPlane);
    } catch (RuntimeException e) {
      motoStarted.handle((started, error) -> null).join();
      moto.close();
      throw e;
    }
  }

  @Override
  public String description() {
    return "emulators (DynamoDB Local + kinesis-local + moto)";
  }

  @Override
  public String region() {
    return "us-east-1";
  }

  @Override
  public <B extends AwsClientBuilder<B, C>, C> B controlPlane(B builder) {
    return moto.configure(builder);
  }

  @Override
  public KinesisClient dataKinesis() {
    return dataPlane.kinesis();
  }

  @Override
  public DynamoDbClient dataDynamoDb() {
    return dataPlane.dynamoDb();
  }

  @Override
  public Set<Gap> gaps() {
    return EnumSet.allOf(Gap.class);
  }

  @Override
  public CfnTemplate deployable(CfnTemplate template) {
    return MotoTemplateWorkarounds.apply(template);
  }

  @Override
  public void close() {
    try {
      dataPlane.close();
    } finally {
      moto.close();
    }
  }
}
