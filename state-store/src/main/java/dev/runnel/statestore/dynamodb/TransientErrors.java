package dev.runnel.statestore.dynamodb;

import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/** Which DynamoDB failures pass by themselves and are worth a retry after a pause. */
final class TransientErrors {
  private TransientErrors() {}

  /** Throttling, server errors and collisions with an in-flight transaction; not validation, access or network errors. */
  static boolean isTransient(SdkException e) {
    return e instanceof AwsServiceException service
        && (service.isThrottlingException() || service.statusCode() >= 500 || e instanceof TransactionConflictException);
  }

  /** True if every reason of a cancelled transaction is throttling or a conflict with another transaction. */
  static boolean isTransient(List<CancellationReason> reasons) {
    boolean any = false;
    for (CancellationReason reason : reasons) {
      String code = reason.code();
      if (code == null || code.equals("None")) {
        continue;
      }
      if (!code.equals("ThrottlingError") && !code.equals("TransactionConflict")
          && !code.equals("ProvisionedThroughputExceeded")) {
        return false;
      }
      any = true;
    }
    return any;
  }
}
