package dev.runnel.planner;

import dev.runnel.api.Source;
import dev.runnel.plan.SourceIdSpec;
import java.util.List;
import java.util.Set;

/** Reads {@code @Source(idField, dedupWindow)}: the field whose value is the same on every copy of a record. */
final class SourceIdReader {
  /** The field types an id can be read from: text or a whole number, whose value a copy repeats exactly. */
  private static final Set<Class<?>> ID_TYPES = Set.of(String.class, long.class, int.class, Long.class,
      Integer.class, java.util.UUID.class);

  /** The longest window: at a shard's full 1,000 records/s its memory stays near 70 MB (docs/exactly-once.md). */
  private static final long MAX_WINDOW_MILLIS = 15 * 60_000;

  private final List<JobProblem> problems;
  private final Durations durations;

  SourceIdReader(List<JobProblem> problems) {
    this.problems = problems;
    this.durations = new Durations(problems);
  }

  /** The id field the source declares: null when it declares none, or (with problems) when it is not usable. */
  SourceIdSpec read(String at, Class<?> type, Source source) {
    if (source.idField().isEmpty()) {
      return null;
    }
    int before = problems.size();
    Class<?> fieldType = RecordFields.type(type, source.idField());
    if (fieldType == null) {
      problem(at, "@Source(idField = \"" + source.idField() + "\") names no field of " + Describe.type(type),
          "Name the field a producer sets to the same value on every copy of a record, one of: "
              + RecordFields.names(type) + ".");
    } else if (!ID_TYPES.contains(fieldType)) {
      problem(at, "@Source idField '" + source.idField() + "' is a " + Describe.type(fieldType)
              + ", which cannot identify a record exactly",
          "Make the id a String, a whole number (long, int, Long or Integer) or a java.util.UUID, or name another"
              + " field in @Source(idField).");
    }
    Long window = durations.millis(at, "@Source(dedupWindow)", source.dedupWindow(), true, "PT10M");
    if (window != null && window > MAX_WINDOW_MILLIS) {
      problem(at, "@Source(dedupWindow) \"" + source.dedupWindow() + "\" is longer than 15 minutes, the longest"
              + " window a function keeps ids for",
          "Use at most \"PT15M\": producers retry within seconds or minutes; ids seen longer ago are distinct.");
    }
    if (problems.size() > before) {
      return null;
    }
    return new SourceIdSpec(source.idField(), window);
  }

  private void problem(String at, String problem, String fix) {
    problems.add(new JobProblem(at, problem, fix));
  }
}
