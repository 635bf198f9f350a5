package dev.runnel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a state handle parameter of a {@link KeyedProcess} method. The name identifies the stored state: keep it stable
 * when you refactor, or the state starts empty.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface State {
  /** The state's name, unique within its operator: letters, digits, '-' and '_'. */
  String value();

  /** How long the state of a key is kept after its last update, as an ISO-8601 duration ("PT24H"); empty: forever. */
  String ttl() default "";

  /** For a {@link ReducingState}: the function that combines values. */
  @SuppressWarnings("rawtypes")
  Class<? extends ReduceFunction> reduce() default ReduceFunction.class;

  /** For an {@link AggregatingState}: the function that accumulates values. */
  @SuppressWarnings("rawtypes")
  Class<? extends AggregateFunction> aggregate() default AggregateFunction.class;
}
