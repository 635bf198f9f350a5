package dev.runnel.bench.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

/** The floor: a plain handler that only reads each record's bytes. No JSON, no AWS client. */
public final class TrivialHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
  /** Touches every record and succeeds. */
  @Override
  public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
    long bytes = 0;
    for (KinesisEvent.KinesisEventRecord record : event.getRecords()) {
      bytes += record.getKinesis().getData().remaining();
    }
    if (bytes < 0) {
      throw new IllegalStateException("negative size");
    }
    return new StreamsEventResponse();
  }
}
