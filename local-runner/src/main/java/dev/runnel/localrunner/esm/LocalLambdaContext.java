package dev.runnel.localrunner.esm;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Lambda context of one local invocation: a fresh request id, the stage as function name, a 15-minute budget. */
final class LocalLambdaContext implements Context {
  private static final Duration TIMEOUT = Duration.ofMinutes(15);

  private final String requestId = UUID.randomUUID().toString();
  private final String functionName;
  private final String shardId;
  private final long deadline = System.currentTimeMillis() + TIMEOUT.toMillis();

  LocalLambdaContext(String functionName, String shardId) {
    this.functionName = functionName;
    this.shardId = shardId;
  }

  /** The function's ARN in the local account. */
  static String functionArn(String functionName) {
    return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return "local/" + shardId;
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return functionArn(functionName);
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, deadline - System.currentTimeMillis());
  }

  @Override
  public int getMemoryLimitInMB() {
    return 1024;
  }

  @Override
  public LambdaLogger getLogger() {
    return new Slf4jLambdaLogger(LoggerFactory.getLogger("runnel.function." + functionName));
  }

  /** Lambda's function log, written to slf4j locally. */
  private record Slf4jLambdaLogger(Logger logger) implements LambdaLogger {
    @Override
    public void log(String message) {
      logger.info(message);
    }

    @Override
    public void log(byte[] message) {
      logger.info(new String(message, StandardCharsets.UTF_8));
    }
  }
}
