package dev.runnel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A keyed running reduction: {@code T name(T accumulated, T next)} combines the key's reduced value with each new
 * record and emits the result. The first record of a key is emitted as it is. Keyed, exactly once, like
 * {@link KeyedProcess}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Reduce {
  /** The node this operator reads, as for {@link KeyedProcess#from()}. */
  String from() default "";

  /** How long a key's reduced value is kept after its last update, as an ISO-8601 duration ("PT24H"); empty: forever. */
  String ttl() default "";
}
