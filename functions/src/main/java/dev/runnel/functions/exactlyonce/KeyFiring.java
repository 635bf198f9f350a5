package dev.runnel.functions.exactlyonce;

import dev.runnel.api.Timer;
import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.batch.ProcessedRecord;
import dev.runnel.functions.deadletter.ErrorType;
import dev.runnel.functions.deadletter.StepFailure;
import dev.runnel.functions.operators.BoundStage;
import dev.runnel.functions.output.Emission;
import dev.runnel.functions.processing.BatchContext;
import dev.runnel.functions.processing.StageProcessor;
import dev.runnel.functions.state.CurrentKey;
import dev.runnel.functions.state.KeyState;
import dev.runnel.functions.time.StageClock;
import dev.runnel.functions.timers.KeyTimer;
import dev.runnel.functions.timers.OnTimerOperator;
import dev.runnel.functions.windows.WindowOperator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fires what is due for one key in a round: its windows whose end the watermark passed, then its timers in time
 * order (timers they register for times already due fire in the same round). What they emit runs through the
 * operators downstream of their node and is encoded as the outputs of the key's firing input. A window or timer
 * method that throws sends a description of the firing to the dead letters, and the window or timer counts as
 * fired, so a failing method never holds a key back.
 */
final class KeyFiring {
  /** A guard against a timer method that keeps registering due timers. */
  private static final int MAX_PASSES = 1_000;

  private final StageProcessor processor;
  private final BoundStage bound;
  private final CurrentKey current;

  KeyFiring(StageProcessor processor, BoundStage bound, CurrentKey current) {
    this.processor = processor;
    this.bound = bound;
    this.current = current;
  }

  /**
   * Fires key {@code state} at ({@code watermark}, {@code processingTime}) and returns the firing's records: one with
   * its emissions, and one failed record per window or timer method that threw.
   */
  List<ProcessedRecord> fire(KeyState state, InputRecord firing, String tablePosition, long watermark,
      long processingTime, BatchContext batch) {
    StageClock clock = processor.clock();
    current.set(state, processingTime);
    List<Emission> emissions = new ArrayList<>();
    List<ProcessedRecord> failures = new ArrayList<>();
    int[] index = new int[1];
    try {
      for (Map.Entry<String, WindowOperator> window : bound.windows().entrySet()) {
        clock.current(state.key(), watermark, processingTime);
        KeyState.Snapshot before = state.snapshot();
        int registered = clock.registeredCount();
        int emitted = emissions.size();
        try {
          for (WindowOperator.Fired fired : window.getValue().fire(watermark, processingTime)) {
            emissions.addAll(processor.fire(window.getKey(), fired.records(), firing, fired.eventTime(),
                tablePosition, batch, index));
          }
        } catch (Throwable e) {
          state.restore(before);
          clock.forgetRegisteredAfter(registered);
          truncate(emissions, emitted);
          failures.add(failed(firing, failures.size(), window.getKey(), "window", e));
          window.getValue().dropDue(watermark, processingTime);
        }
      }
      for (Map.Entry<String, OnTimerOperator> handler : bound.onTimers().entrySet()) {
        for (int pass = 0; ; pass++) {
          List<KeyTimer> due = handler.getValue().timers().takeDue(watermark, processingTime);
          if (due.isEmpty()) {
            break;
          }
          if (pass == MAX_PASSES) {
            failures.add(failed(firing, failures.size(), handler.getKey(), "timer",
                new IllegalStateException("timers of operator " + handler.getKey() + " fired " + MAX_PASSES
                    + " times in one round; a timer method keeps registering timers that are already due")));
            break;
          }
          for (KeyTimer timer : due) {
            long time = timer.domain() == Timer.Domain.EVENT_TIME ? timer.time() : watermark;
            clock.current(state.key(), timer.time(), processingTime);
            KeyState.Snapshot before = state.snapshot();
            int registered = clock.registeredCount();
            int emitted = emissions.size();
            try {
              List<Object> out = handler.getValue().onTimer(new Timer(state.key(), timer.time(), timer.domain()));
              emissions.addAll(processor.fire(handler.getKey(), out, firing, time, tablePosition, batch, index));
            } catch (Throwable e) {
              state.restore(before);
              clock.forgetRegisteredAfter(registered);
              truncate(emissions, emitted);
              failures.add(failed(firing, failures.size(), handler.getKey(), "timer at " + timer.time(), e));
            }
          }
        }
      }
    } finally {
      current.clear();
    }
    List<ProcessedRecord> records = new ArrayList<>(failures.size() + 1);
    records.add(ProcessedRecord.emitted(firing, emissions));
    records.addAll(failures);
    return records;
  }

  private ProcessedRecord failed(InputRecord firing, int ordinal, String node, String what, Throwable cause) {
    StepFailure failure = cause instanceof StepFailure step ? step
        : new StepFailure(ErrorType.OPERATOR, node, what + " of '" + node + "' threw while firing", cause);
    String payload = "{\"key\":" + quote(firing.partitionKey()) + ",\"node\":" + quote(node) + ",\"firing\":"
        + quote(what) + "}";
    InputRecord described = new InputRecord(firing.shardId() + (ordinal == 0 ? "" : "-" + ordinal),
        firing.sequenceNumber(), firing.partitionKey(), payload.getBytes(StandardCharsets.UTF_8),
        firing.arrivalMillis());
    return ProcessedRecord.failed(described, processor.describe(described, failure));
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void truncate(List<Emission> emissions, int size) {
    while (emissions.size() > size) {
      emissions.remove(emissions.size() - 1);
    }
  }
}
