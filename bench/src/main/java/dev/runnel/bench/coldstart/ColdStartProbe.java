package dev.runnel.bench.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM, as Lambda's Java runtime does for a new environment: creates the handler class named in
 * args[0] by its no-argument constructor and invokes it once with the event JSON file args[1], as the runtime would:
 * a {@code RequestHandler} gets the event deserialized with aws-lambda-java-serialization, a
 * {@code RequestStreamHandler} (Runnel's deployed {@code StageStreamHandler}) the event's bytes, and answers in JSON.
 * Prints one line {@code probe <initMs> <invokeMs> <sinceJvmStartMs> <failures>}.
 */
public final class ColdStartProbe {
  private ColdStartProbe() {}

  /** Entry point of the probe JVM. */
  public static void main(String[] args) throws Exception {
    long initStart = System.nanoTime();
    Object handler = Class.forName(args[0]).getConstructor().newInstance();
    long initEnd = System.nanoTime();
    int failures = handler instanceof RequestStreamHandler stream ? invokeStream(stream, Path.of(args[1]))
        : invokeObjects(handler, Path.of(args[1]));
    long invokeEnd = System.nanoTime();
    long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    System.out.printf("probe %.1f %.1f %d %d%n", (initEnd - initStart) / 1e6, (invokeEnd - initEnd) / 1e6,
        sinceJvmStart, failures);
  }

  /** The runtime's path for a {@code RequestHandler}: the event deserialized into a {@code KinesisEvent}. */
  private static int invokeObjects(Object handler, Path eventFile) throws Exception {
    @SuppressWarnings("unchecked")
    RequestHandler<KinesisEvent, StreamsEventResponse> objects =
        (RequestHandler<KinesisEvent, StreamsEventResponse>) handler;
    KinesisEvent event;
    try (InputStream in = Files.newInputStream(eventFile)) {
      event = LambdaEventSerializers.serializerFor(KinesisEvent.class, ColdStartProbe.class.getClassLoader())
          .fromJson(in);
    }
    StreamsEventResponse response = objects.handleRequest(event, new ProbeContext());
    return response == null || response.getBatchItemFailures() == null ? 0 : response.getBatchItemFailures().size();
  }

  /** The runtime's path for a {@code RequestStreamHandler}: the event's bytes in, the answer's bytes out. */
  private static int invokeStream(RequestStreamHandler handler, Path eventFile) throws Exception {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(eventFile)), answer, new ProbeContext());
    String json = answer.toString(StandardCharsets.UTF_8);
    return json.split("\"itemIdentifier\"", -1).length - 1;
  }

  /** The little of Lambda's context a handler may read. */
  private static final class ProbeContext implements Context {
    @Override public String getAwsRequestId() { return "cold-start-probe"; }
    @Override public String getLogGroupName() { return "/aws/lambda/probe"; }
    @Override public String getLogStreamName() { return "probe"; }
    @Override public String getFunctionName() { return "probe"; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:probe"; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return 60_000; }
    @Override public int getMemoryLimitInMB() { return 1024; }
    @Override public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override public void log(String message) { System.err.print(message); }
        @Override public void log(byte[] message) { System.err.write(message, 0, message.length); }
      };
    }
  }
}
