package dev.runnel.modelserver.faults;

/** How a {@link FaultAction.BreakSchema} fault spoils a well-formed answer. */
public enum SchemaBreak {
  /** Drop a required property (the first one; the first property when none is required). */
  MISSING_REQUIRED,
  /** Give the first property a value of the wrong type. */
  WRONG_TYPE,
  /** Set the first enum-valued property to a value outside its enum (falls back to WRONG_TYPE when there is none). */
  OUTSIDE_ENUM,
  /** Cut the answer's JSON text in half, so the content does not parse (the envelope stays valid). */
  TRUNCATED_CONTENT
}
