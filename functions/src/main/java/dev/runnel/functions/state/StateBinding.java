package dev.runnel.functions.state;

import dev.runnel.functions.joins.BufferedRecord;
import dev.runnel.functions.joins.JoinRecord;
import dev.runnel.plan.JoinSpec;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.runnel.functions.job.JobClasses;
import dev.runnel.functions.windows.WindowState;
import dev.runnel.plan.StateKind;
import dev.runnel.plan.StateSpec;
import java.util.List;

/**
 * A state of the stage, resolved once at start-up from its {@link StateSpec}: its storage id, the Java type its JSON
 * decodes into, its time to live and its function.
 *
 * @param id         {@code operator/name}, unique in the stage
 * @param spec       the plan's declaration
 * @param storedType the type of the stored value (for an aggregating state, the accumulator)
 * @param function   the reduce or aggregate function instance, or null
 */
public record StateBinding(String id, StateSpec spec, JavaType storedType, Object function) {

  /** Resolves a declaration, loading its types and creating its function with the job's class loader. */
  public static StateBinding of(StateSpec spec, JobClasses classes) {
    TypeFactory types = TypeFactory.defaultInstance().withClassLoader(classes.loader());
    List<String> arguments = spec.typeArguments();
    JavaType stored = switch (spec.kind()) {
      case VALUE, REDUCING -> JoinSpec.TAGGED_RECORDS.equals(arguments.get(0))
          // an interval join's buffers: both inputs' records with their times and sides
          ? BufferedRecord.buffersType(types, arguments.get(1), arguments.get(2))
          : types.constructFromCanonical(arguments.get(0));
      case LIST -> types.constructCollectionType(List.class, types.constructFromCanonical(arguments.get(0)));
      case MAP, BROADCAST -> types.constructMapType(java.util.LinkedHashMap.class, types.constructFromCanonical(arguments.get(0)),
          types.constructFromCanonical(arguments.get(1)));
      case AGGREGATING -> types.constructFromCanonical(arguments.get(2));
      case WINDOW -> types.constructParametricType(WindowState.class, windowContents(spec, types));
      case TIMERS -> types.constructCollectionType(List.class, dev.runnel.functions.timers.KeyTimer.class);
    };
    Object function = spec.function() == null ? null
        : classes.newInstance(spec.function(), "function of state " + spec.name() + " of operator " + spec.operator());
    return new StateBinding(spec.operator() + "/" + spec.name(), spec, stored, function);
  }

  /**
   * What a window keeps: the built-in accumulator, a function's accumulator, or the list of records (for a window join,
   * of both inputs' records with their sides).
   */
  private static JavaType windowContents(StateSpec spec, TypeFactory types) {
    if (spec.typeArguments().isEmpty()) {
      return types.constructType(dev.runnel.functions.windows.BuiltInAccumulator.class);
    }
    if (JoinSpec.TAGGED_RECORDS.equals(spec.typeArguments().get(0))) {
      // a window join's records of both inputs, each with its side: [tagged, left type, right type]
      return types.constructCollectionType(List.class, JoinRecord.type(types, spec.typeArguments().get(1),
          spec.typeArguments().get(2)));
    }
    JavaType argument = types.constructFromCanonical(spec.typeArguments().get(0));
    return spec.function() != null ? argument : types.constructCollectionType(List.class, argument);
  }

  /** How long a value lives after its last write, in milliseconds; 0 for forever. */
  public long ttlMillis() {
    return spec.ttlSeconds() * 1000;
  }

  /** True when {@code entry}, a value of this state, has expired at {@code nowMillis} (its time to live is past). */
  public boolean expired(StateEntry entry, long nowMillis) {
    return ttlMillis() > 0 && entry.timed() && nowMillis - entry.updatedMillis() > ttlMillis();
  }

  /** True for the running value of a {@code @Reduce} operator, which has no function of its own. */
  public boolean isOperatorReduction() {
    return spec.kind() == StateKind.REDUCING && function == null;
  }
}
