package dev.runnel.faults.inject;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.runnel.faults.FaultDice;

/** The outermost wrapper of a shard's function: tells the dice whether each invocation failed. */
public record CountingFunction(RequestHandler<KinesisEvent, StreamsEventResponse> handler, FaultDice dice)
    implements RequestHandler<KinesisEvent, StreamsEventResponse> {
  @Override
  public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
    boolean failed = true;
    try {
      StreamsEventResponse response = handler.handleRequest(event, context);
      failed = response != null && response.getBatchItemFailures() != null
          && !response.getBatchItemFailures().isEmpty();
      return response;
    } finally {
      dice.invoked(failed);
    }
  }
}
