package dev.runnel.planner;

import dev.runnel.api.EventTime;
import dev.runnel.plan.EventTimeSpec;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Reads the {@code @EventTime} on a source record type: the field holding each record's time, and its bounds. */
final class EventTimeReader {
  /** The field types an event time can be read from: epoch milliseconds or an ISO-8601 instant. */
  private static final Set<Class<?>> EVENT_TIME_TYPES = Set.of(long.class, int.class, Long.class, Integer.class,
      Instant.class, String.class);

  private final List<JobProblem> problems;
  private final Durations durations;

  EventTimeReader(List<JobProblem> problems) {
    this.problems = problems;
    this.durations = new Durations(problems);
  }

  /**
   * The event time the source record type declares: null when it has no {@code @EventTime}, or (with problems) when
   * its {@code @EventTime} is not usable.
   */
  EventTimeSpec read(String at, Class<?> type) {
    EventTime eventTime = type.getAnnotation(EventTime.class);
    if (eventTime == null) {
      return null;
    }
    int before = problems.size();
    Class<?> fieldType = RecordFields.type(type, eventTime.field());
    if (fieldType == null) {
      problem(at, "@EventTime(field = \"" + eventTime.field() + "\") names no field of " + Describe.type(type),
          "Name the field holding each record's time, one of: " + RecordFields.names(type) + ".");
    } else if (!EVENT_TIME_TYPES.contains(fieldType)) {
      problem(at, "@EventTime field '" + eventTime.field() + "' is a " + Describe.type(fieldType)
              + ", which Runnel cannot read a time from",
          "Make it epoch milliseconds (long, int, Long or Integer) or an ISO-8601 instant (java.time.Instant, or a"
              + " String such as \"2026-11-21T10:15:30Z\").");
    }
    Long outOfOrderness = durations.millis(at, "@EventTime(maxOutOfOrderness)", eventTime.maxOutOfOrderness(),
        false, "PT5S");
    Long idleAfter = eventTime.idleAfter().isEmpty() ? Long.valueOf(0)
        : durations.millis(at, "@EventTime(idleAfter)", eventTime.idleAfter(), true, "PT1M");
    Long maxAhead = eventTime.maxAhead().isEmpty() ? null
        : durations.millis(at, "@EventTime(maxAhead)", eventTime.maxAhead(), false, "P1D");
    if (problems.size() > before) {
      return null;
    }
    return new EventTimeSpec(eventTime.field(), outOfOrderness, idleAfter, maxAhead,
        eventTime.allowNegative() ? null : Long.valueOf(0));
  }

  /** Reports an {@code @EventTime} on a nested type that is not a {@code @Source}: event time enters at sources. */
  void checkNotSource(Class<?> type) {
    if (type.isAnnotationPresent(EventTime.class)) {
      problem(Describe.type(type), "has @EventTime but is not a @Source",
          "Put @EventTime on the @Source record type whose records carry the time, or make this one a @Source:"
              + " event time enters a job at its sources.");
    }
  }

  private void problem(String at, String problem, String fix) {
    problems.add(new JobProblem(at, problem, fix));
  }
}
