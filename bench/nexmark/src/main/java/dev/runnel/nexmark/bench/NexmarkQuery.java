package dev.runnel.nexmark.bench;

import dev.runnel.nexmark.generator.Event;
import dev.runnel.nexmark.queries.Q0;
import dev.runnel.nexmark.queries.Q1;
import dev.runnel.nexmark.queries.Q11;
import dev.runnel.nexmark.queries.Q2;
import dev.runnel.nexmark.queries.Q3;
import dev.runnel.nexmark.queries.Q5;
import dev.runnel.nexmark.queries.Q7;
import dev.runnel.nexmark.queries.Q8;
import dev.runnel.nexmark.reference.Q0Reference;
import dev.runnel.nexmark.reference.Q11Reference;
import dev.runnel.nexmark.reference.Q1Reference;
import dev.runnel.nexmark.reference.Q2Reference;
import dev.runnel.nexmark.reference.Q3Reference;
import dev.runnel.nexmark.reference.Q5Reference;
import dev.runnel.nexmark.reference.Q7Reference;
import dev.runnel.nexmark.reference.Q8Reference;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The queries the bench runs: each job, the type of its output rows, its reference and how its rows group by window. */
enum NexmarkQuery {
  Q0(Q0.class, Q0.Row.class, Q0Reference::rows, row -> "all"),
  Q1(Q1.class, Q1.Row.class, Q1Reference::rows, row -> "all"),
  Q2(Q2.class, Q2.Row.class, Q2Reference::rows, row -> "all"),
  Q3(Q3.class, Q3.Row.class, Q3Reference::rows, row -> "all"),
  Q5(Q5.class, Q5.Row.class, Q5Reference::rows, row -> ((Q5.Row) row).windowEnd()),
  Q7(Q7.class, Q7.Row.class, Q7Reference::rows, row -> ((Q7.Row) row).windowEnd()),
  Q8(Q8.class, Q8.Row.class, Q8Reference::rows, row -> ((Q8.Row) row).windowStart()),
  Q11(Q11.class, Q11.Row.class, Q11Reference::rows, row -> ((Q11.Row) row).bidder());

  private final Class<?> job;
  private final Class<?> rowType;
  private final Function<Iterable<Event>, List<?>> reference;
  private final Function<Object, Object> windowOf;

  NexmarkQuery(Class<?> job, Class<?> rowType, Function<Iterable<Event>, List<?>> reference,
      Function<Object, Object> windowOf) {
    this.job = job;
    this.rowType = rowType;
    this.reference = reference;
    this.windowOf = windowOf;
  }

  /** The query's name as the command line and the tables spell it: "q5". */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The query named {@code label} ("q5" or "Q5"). */
  static NexmarkQuery of(String label) {
    try {
      return valueOf(label.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("no Nexmark query '" + label + "'; the bench runs q0, q1, q2, q3, q5, q7, q8, q11"
          + " (q4 needs two-input operators not built yet, see bench/nexmark/README.md)", e);
    }
  }

  Class<?> job() {
    return job;
  }

  Class<?> rowType() {
    return rowType;
  }

  List<?> referenceRows(Iterable<Event> events) {
    return reference.apply(events);
  }

  Object windowOf(Object row) {
    return windowOf.apply(row);
  }
}
