package dev.runnel.faults.inject;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.runnel.faults.FaultDice;
import dev.runnel.faults.FaultKind;
import dev.runnel.functions.StageHandler;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * Runs a zombie next to the real invocation: on some batches, a second real environment processes the same batch
 * on its own thread, a few milliseconds late and sometimes crashing midway, while the main one proceeds; its answer
 * and errors are ignored. Idle zombie environments are reused, so a zombie may also hold a stale warm cache.
 */
public final class ZombieHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
  private final RequestHandler<KinesisEvent, StreamsEventResponse> handler;
  private final FaultDice dice;
  private final Function<ZombieObserver, StageHandler> newEnvironment;
  private final Zombies zombies;
  private final ConcurrentLinkedQueue<Environment> idle = new ConcurrentLinkedQueue<>();

  /**
   * Wraps {@code handler}.
   *
   * @param newEnvironment creates a real handler (a new environment) told of commit steps by the given observer
   * @param zombies        where zombie threads are registered
   */
  public ZombieHandler(RequestHandler<KinesisEvent, StreamsEventResponse> handler, FaultDice dice,
      Function<ZombieObserver, StageHandler> newEnvironment, Zombies zombies) {
    this.handler = handler;
    this.dice = dice;
    this.newEnvironment = newEnvironment;
    this.zombies = zombies;
  }

  @Override
  public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
    if (!event.getRecords().isEmpty() && dice.roll(FaultKind.ZOMBIE, "batch of " + event.getRecords().size())) {
      Environment zombie = idle.poll();
      if (zombie == null) {
        ZombieObserver observer = new ZombieObserver();
        zombie = new Environment(newEnvironment.apply(observer), observer);
      }
      int choice = dice.nextInt(ZombieSteps.STEPS.size() * 2);
      zombie.observer.crashAfter(choice < ZombieSteps.STEPS.size() ? ZombieSteps.STEPS.get(choice) : null);
      long delayMillis = dice.nextInt(15);
      Environment running = zombie;
      zombies.start("zombie-" + dice.label(), () -> {
        try {
          Thread.sleep(delayMillis);
          running.handler.handleRequest(event, context);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (RuntimeException | Error ignored) {
          // a zombie's outcome is nobody's answer
        } finally {
          idle.add(running);
        }
      });
    }
    return handler.handleRequest(event, context);
  }

  private record Environment(StageHandler handler, ZombieObserver observer) {}
}
