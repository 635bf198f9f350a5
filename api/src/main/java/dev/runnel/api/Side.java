package dev.runnel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names the {@link SideOutput} parameter of an operator method: its node is {@code "<method>.<value>"}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Side {
  /** The side output's name: letters, digits, '-' and '_', unique among the method's side outputs. */
  String value();
}
