package dev.runnel.functions.operators;

import dev.runnel.api.SideOutput;
import java.util.ArrayList;
import java.util.List;

/** The {@link SideOutput} argument of an operator method: what the method emits, until its side node takes it. */
final class SideBuffer implements SideOutput<Object> {
  private final String node;
  private List<Object> records = new ArrayList<>();

  SideBuffer(String node) {
    this.node = node;
  }

  @Override
  public void emit(Object record) {
    if (record == null) {
      throw new IllegalArgumentException("emitted null to side output " + node + "; emit a record");
    }
    records.add(record);
  }

  /** What was emitted since the last call. */
  List<Object> drain() {
    if (records.isEmpty()) {
      return List.of();
    }
    List<Object> drained = records;
    records = new ArrayList<>();
    return drained;
  }
}
