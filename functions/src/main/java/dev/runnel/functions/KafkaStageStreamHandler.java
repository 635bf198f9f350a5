package dev.runnel.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.runnel.functions.kafka.KafkaBatchResponseJson;
import dev.runnel.functions.kafka.KafkaEventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The Lambda handler of a stage read by a Kafka event source mapping ({@code KafkaStageStreamHandler::handleRequest}):
 * parses Lambda's Kafka event ({@link KafkaEventJson}), runs {@link KafkaStageHandler} and writes the Kafka batch
 * response ({@link KafkaBatchResponseJson}).
 */
public final class KafkaStageStreamHandler implements RequestStreamHandler {
  private final KafkaStageHandler handler;

  /** For AWS Lambda: the stage configured by the environment. */
  public KafkaStageStreamHandler() {
    this(new KafkaStageHandler());
  }

  /** A stream handler in front of {@code handler}. */
  public KafkaStageStreamHandler(KafkaStageHandler handler) {
    this.handler = handler;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    KafkaBatchResponseJson.write(handler.handle(KafkaEventJson.parse(input), context), output);
  }
}
