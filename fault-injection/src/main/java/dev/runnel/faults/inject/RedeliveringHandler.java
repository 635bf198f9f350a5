package dev.runnel.faults.inject;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.runnel.faults.FaultDice;
import dev.runnel.faults.FaultKind;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers batches more than once, as Lambda may even without errors: after a successful invocation, the same batch
 * again, or a random contiguous sub-range of it. The redelivery's own outcome is ignored; the first answer counts.
 */
public final class RedeliveringHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(RedeliveringHandler.class);

  private final RequestHandler<KinesisEvent, StreamsEventResponse> handler;
  private final FaultDice dice;

  /** Wraps {@code handler}, redelivering as {@code dice} decide. */
  public RedeliveringHandler(RequestHandler<KinesisEvent, StreamsEventResponse> handler, FaultDice dice) {
    this.handler = handler;
    this.dice = dice;
  }

  @Override
  public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
    StreamsEventResponse response = handler.handleRequest(event, context);
    List<KinesisEvent.KinesisEventRecord> records = event.getRecords();
    int n = records.size();
    if (dice.roll(FaultKind.DUPLICATE_DELIVERY, "batch of " + n)) {
      redeliver(event, context);
    }
    if (n > 0 && dice.roll(FaultKind.RESPLIT_DELIVERY, "batch of " + n)) {
      int from = dice.nextInt(n);
      int to = from + 1 + dice.nextInt(n - from);
      KinesisEvent part = new KinesisEvent();
      part.setRecords(List.copyOf(records.subList(from, to)));
      redeliver(part, context);
    }
    return response;
  }

  private void redeliver(KinesisEvent event, Context context) {
    try {
      handler.handleRequest(event, context);
    } catch (RuntimeException e) {
      LOG.debug("{}: a redelivered batch failed, ignored: {}", dice.label(), e.toString());
    }
  }
}
