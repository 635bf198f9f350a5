package dev.runnel.checkpointing.checkpoint;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a shard's failed attempts left behind, kept in its checkpoint item so that every later attempt, on any
 * instance, decides alike (docs/exactly-once.md, "Poison records"): the span of records that keeps failing and how
 * often, and the records already judged poison, which every later attempt dead-letters rather than applies.
 *
 * @param suspect  the records whose attempts failed for a reason not known to be retryable, or null
 * @param poisoned records judged poison and not yet passed by the committed position, in position order
 * @param laneSuspects in a stage running parallel lanes (which commits no position), the failing span of each lane
 *                 batch that failed, by its first record, in position order (docs/exactly-once.md, "Parallel lanes")
 */
public record BatchFailures(Suspect suspect, List<Poisoned> poisoned, List<Suspect> laneSuspects) {
  /** No failure recorded. */
  public static final BatchFailures NONE = new BatchFailures(null, List.of());

  /** Longest error kept per entry, in characters: enough to tell the cause, small enough for one write unit. */
  public static final int MAX_ERROR_CHARS = 600;

  public BatchFailures {
    poisoned = List.copyOf(poisoned);
    laneSuspects = laneSuspects == null ? List.of() : List.copyOf(laneSuspects);
  }

  /** Failures of a shard read one batch at a time. */
  public BatchFailures(Suspect suspect, List<Poisoned> poisoned) {
    this(suspect, poisoned, List.of());
  }

  /** True when nothing is recorded. */
  public boolean isEmpty() {
    return suspect == null && poisoned.isEmpty() && laneSuspects.isEmpty();
  }

  /** What still matters once the committed position is {@code position}: entries after it only. */
  public BatchFailures after(String position) {
    if (position == null || isEmpty()) {
      return this;
    }
    BigInteger committed = new BigInteger(position);
    Suspect keptSuspect = suspect != null && new BigInteger(suspect.from()).compareTo(committed) > 0 ? suspect : null;
    List<Poisoned> kept = poisoned.stream()
        .filter(p -> new BigInteger(p.position()).compareTo(committed) > 0).toList();
    List<Suspect> keptLanes = laneSuspects.stream()
        .filter(s -> new BigInteger(s.from()).compareTo(committed) > 0).toList();
    return keptSuspect == suspect && kept.size() == poisoned.size() && keptLanes.size() == laneSuspects.size() ? this
        : new BatchFailures(keptSuspect, kept, keptLanes);
  }

  /** The same failures with {@code next} as the suspect (null: none). */
  public BatchFailures withSuspect(Suspect next) {
    return new BatchFailures(next, poisoned, laneSuspects);
  }

  /** The failing span of the lane batch starting at {@code from}, if one was recorded. */
  public Optional<Suspect> laneSuspect(String from) {
    return laneSuspects.stream().filter(s -> s.from().equals(from)).findFirst();
  }

  /** The same failures with {@code next} as the failing span of its lane batch (replacing one with the same start). */
  public BatchFailures withLaneSuspect(Suspect next) {
    List<Suspect> lanes = new ArrayList<>(laneSuspects.size() + 1);
    for (Suspect s : laneSuspects) {
      if (!s.from().equals(next.from())) {
        lanes.add(s);
      }
    }
    lanes.add(next);
    lanes.sort((a, b) -> new BigInteger(a.from()).compareTo(new BigInteger(b.from())));
    return new BatchFailures(suspect, poisoned, lanes);
  }

  /**
   * The same failures without the lane suspects and judgements of the records at {@code positions}: a lane batch
   * holding them succeeded, so each is applied or dead-lettered, and its key's version covers it.
   */
  public BatchFailures withoutLaneEntries(Set<String> positions) {
    return new BatchFailures(suspect, poisoned.stream().filter(p -> !positions.contains(p.position())).toList(),
        laneSuspects.stream().filter(s -> !positions.contains(s.from())).toList());
  }

  /** The same failures with {@code record} judged poison too (replacing an earlier judgement of its position). */
  public BatchFailures withPoisoned(Poisoned record) {
    List<Poisoned> next = new ArrayList<>(poisoned.size() + 1);
    for (Poisoned p : poisoned) {
      if (!p.position().equals(record.position())) {
        next.add(p);
      }
    }
    next.add(record);
    next.sort((a, b) -> new BigInteger(a.position()).compareTo(new BigInteger(b.position())));
    return new BatchFailures(suspect, next, laneSuspects);
  }

  /** The judgement of the record at {@code position}, if it was judged poison. */
  public Optional<Poisoned> poisonedAt(String position) {
    return poisoned.stream().filter(p -> p.position().equals(position)).findFirst();
  }

  /**
   * The records from {@code from} (a sequence number) on, {@code records} of them, failed {@code attempts} times;
   * {@code narrowing} is true once the span was found by narrowing a failing batch inside the function.
   */
  public record Suspect(String from, int records, int attempts, boolean narrowing, String lastError) {
    public Suspect {
      Checkpoint.position(from);
      if (records < 1 || attempts < 1) {
        throw new IllegalArgumentException("a suspect span has at least one record and one attempt");
      }
      lastError = clip(lastError);
    }
  }

  /**
   * A record judged poison: every attempt sends it to the dead letters as {@code errorType} with {@code error}.
   *
   * @param position  its sequence number
   * @param errorType the dead-letter error type, lower case (as {@code ErrorType.label()})
   * @param error     why, as first found
   */
  public record Poisoned(String position, String errorType, String error) {
    public Poisoned {
      Checkpoint.position(position);
      Objects.requireNonNull(errorType, "errorType");
      error = clip(error);
    }
  }

  private static String clip(String error) {
    if (error == null) {
      return "";
    }
    return error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS - 1) + "…";
  }
}
