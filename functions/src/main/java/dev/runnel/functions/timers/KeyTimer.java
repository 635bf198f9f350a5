package dev.runnel.functions.timers;

import dev.runnel.api.Timer;

/**
 * One registered timer of a key, as stored in the key's state.
 *
 * @param domain which clock it follows
 * @param time   when it fires, epoch milliseconds
 */
public record KeyTimer(Timer.Domain domain, long time) implements Comparable<KeyTimer> {
  @Override
  public int compareTo(KeyTimer other) {
    int byTime = Long.compare(time, other.time);
    return byTime != 0 ? byTime : domain.compareTo(other.domain);
  }
}
