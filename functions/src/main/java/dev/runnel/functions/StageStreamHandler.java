package dev.runnel.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.runnel.functions.batch.BatchResponseJson;
import dev.runnel.functions.batch.KinesisEventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The Lambda handler of every stage function the templates deploy ({@code StageStreamHandler::handleRequest}): takes
 * Lambda's Kinesis event as bytes, parses it itself ({@link KinesisEventJson}, about 1.4 times the runtime's
 * {@code KinesisEvent} parse per CPU-second), runs {@link StageHandler} on the records and writes the batch response
 * as the runtime would have ({@link BatchResponseJson}). See docs/record-path.md.
 */
public final class StageStreamHandler implements RequestStreamHandler {
  private final StageHandler handler;

  /** For AWS Lambda: the stage handler configured by the environment, as {@link StageHandler#StageHandler()}. */
  public StageStreamHandler() {
    this(new StageHandler());
  }

  /** A stream handler in front of {@code handler}. */
  public StageStreamHandler(StageHandler handler) {
    this.handler = handler;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    BatchResponseJson.write(handler.handleRecords(KinesisEventJson.parse(input), context), output);
  }
}
