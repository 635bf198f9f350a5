package dev.runnel.faults.inject;

import dev.runnel.faults.FaultDice;
import dev.runnel.faults.FaultKind;
import dev.runnel.faults.InjectedCrash;
import dev.runnel.functions.StageHandler;
import dev.runnel.functions.TickReport;
import dev.runnel.localrunner.run.TickFunction;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A stage's tick function with faults, as the EventBridge schedule invokes it: the real {@link StageHandler#tick()}
 * on faulty clients with a crashing observer (built by the factory given), and now and then a zombie tick: a second
 * environment ticking the same shards on its own thread, a few milliseconds late and sometimes crashing midway, as a
 * timed-out tick still running next to the next one would. A tick that crashes loses its environment (the next tick
 * gets a new one) and fails, so the runner logs it and ticks again; its pending round is completed by the next tick or
 * batch.
 */
public final class FaultyTicker implements TickFunction {
  private final FaultDice dice;
  private final Supplier<StageHandler> newEnvironment;
  private final Function<ZombieObserver, StageHandler> newZombie;
  private final Zombies zombies;
  private final ConcurrentLinkedQueue<Zombie> idle = new ConcurrentLinkedQueue<>();
  private StageHandler handler;

  /**
   * A faulty tick function.
   *
   * @param newEnvironment creates the real handler on the faulty clients and crashing observer
   * @param newZombie      creates a real handler (a zombie environment) told of commit steps by the given observer
   * @param zombies        where zombie threads are registered
   */
  public FaultyTicker(FaultDice dice, Supplier<StageHandler> newEnvironment,
      Function<ZombieObserver, StageHandler> newZombie, Zombies zombies) {
    this.dice = dice;
    this.newEnvironment = newEnvironment;
    this.newZombie = newZombie;
    this.zombies = zombies;
  }

  @Override
  public TickReport tick() {
    if (dice.roll(FaultKind.ZOMBIE, "tick")) {
      startZombie();
    }
    if (handler == null) {
      handler = newEnvironment.get();
    }
    boolean failed = true;
    try {
      TickReport report = handler.tick();
      failed = false;
      return report;
    } catch (InjectedCrash crash) {
      handler = null; // the environment died with the crash
      throw crash;
    } finally {
      dice.invoked(failed);
    }
  }

  private void startZombie() {
    Zombie zombie = idle.poll();
    if (zombie == null) {
      ZombieObserver observer = new ZombieObserver();
      zombie = new Zombie(newZombie.apply(observer), observer);
    }
    int choice = dice.nextInt(ZombieSteps.STEPS.size() * 2);
    zombie.observer.crashAfter(choice < ZombieSteps.STEPS.size() ? ZombieSteps.STEPS.get(choice) : null);
    long delayMillis = dice.nextInt(15);
    Zombie running = zombie;
    zombies.start("zombie-" + dice.label(), () -> {
      try {
        Thread.sleep(delayMillis);
        running.handler.tick();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException | Error ignored) {
        // a zombie's outcome is nobody's answer
      } finally {
        idle.add(running);
      }
    });
  }

  private record Zombie(StageHandler handler, ZombieObserver observer) {}
}
