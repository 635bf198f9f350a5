package dev.runnel.functions.output;

/** One record ready to leave the stage through one output, already encoded for its target. */
public sealed interface Emission permits StreamRecord, TopicRecord, TableItem, ConsoleLine {
  /** The name of the output that emitted it. */
  String output();
}
