package dev.runnel.functions.poison;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.functions.deadletter.ErrorType;
import dev.runnel.functions.exactlyonce.ConcurrentAttemptException;
import dev.runnel.functions.exactlyonce.SimulatedCrash;
import dev.runnel.inference.ModelUnavailableException;
import dev.runnel.statestore.StateKey;
import dev.runnel.statestore.StateTooLargeException;
import java.io.UncheckedIOException;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

class FailureClassTest {
  private static DynamoDbException error(int status, String code) {
    return (DynamoDbException) DynamoDbException.builder().statusCode(status).message(code + " from the service")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
  }

  @Test
  void throttlingServerNetworkConflictsCrashesAndOutagesAreRetried() {
    assertThat(FailureClass.of(ProvisionedThroughputExceededException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build())
        .build())).isEqualTo(FailureClass.RETRYABLE);
    assertThat(FailureClass.of(error(500, "InternalServerError"))).isEqualTo(FailureClass.RETRYABLE);
    assertThat(FailureClass.of(SdkClientException.create("connection reset"))).isEqualTo(FailureClass.RETRYABLE);
    assertThat(FailureClass.of(new ConcurrentAttemptException("another invocation"))).isEqualTo(FailureClass.RETRYABLE);
    assertThat(FailureClass.of(new IllegalStateException("wrapped", new SimulatedCrash("crash"))))
        .isEqualTo(FailureClass.RETRYABLE);
    assertThat(FailureClass.of(new ModelUnavailableException("m", "circuit open", null)))
        .isEqualTo(FailureClass.RETRYABLE);
  }

  @Test
  void errorsOfTheEnvironmentFailTheInvocationWithoutBlamingARecord() {
    assertThat(FailureClass.of(ResourceNotFoundException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException").build()).build()))
        .isEqualTo(FailureClass.RETRYABLE);
    assertThat(FailureClass.of(error(400, "AccessDeniedException"))).isEqualTo(FailureClass.RETRYABLE);
    assertThat(FailureClass.of(error(400, "KMSAccessDeniedException"))).isEqualTo(FailureClass.RETRYABLE);
  }

  @Test
  void invalidRequestsAndStateTooLargeAreIsolatedAtOnce() {
    DynamoDbException invalid = error(400, "ValidationException");
    assertThat(FailureClass.of(invalid)).isEqualTo(FailureClass.PERMANENT);
    assertThat(FailureClass.errorType(invalid)).isEqualTo(ErrorType.WRITE);
    assertThat(FailureClass.describe(invalid)).contains("[ValidationException]");
    StateTooLargeException large = new StateTooLargeException(new StateKey("s-1", "k"), 5_000_000, 5_000_100,
        4_194_304);
    assertThat(FailureClass.of(new RuntimeException(large))).isEqualTo(FailureClass.PERMANENT);
    assertThat(FailureClass.errorType(large)).isEqualTo(ErrorType.STATE);
  }

  @Test
  void anythingElseIsUnknownAndCounted() {
    assertThat(FailureClass.of(new InternalError("vm"))).isEqualTo(FailureClass.UNKNOWN);
    assertThat(FailureClass.of(new UncheckedIOException(new IOException("cannot decode")))).isEqualTo(FailureClass.UNKNOWN);
    assertThat(FailureClass.of(error(400, "SomethingNew"))).isEqualTo(FailureClass.UNKNOWN);
    assertThat(FailureClass.errorType(new InternalError("vm"))).isEqualTo(ErrorType.ATTEMPTS);
  }

  @Test
  void aServiceErrorWithoutAnErrorCodeIsJudgedNotThrownOn() {
    assertThat(FailureClass.of(DynamoDbException.builder().statusCode(400).message("no details").build()))
        .as("a 400 without an error code says nothing about the record").isEqualTo(FailureClass.UNKNOWN);
  }
}
