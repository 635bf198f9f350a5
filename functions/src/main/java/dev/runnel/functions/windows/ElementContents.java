package dev.runnel.functions.windows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Full-window processing: the window keeps its records in arrival order, and the method receives them all. */
public record ElementContents() implements PaneContents {

  @Override
  public Object create() {
    return List.of();
  }

  @Override
  public Object add(Object contents, Object record) {
    List<Object> next = new ArrayList<>((List<?>) contents);
    next.add(record);
    return next;
  }

  @Override
  public Object merge(Object earlier, Object later) {
    List<Object> next = new ArrayList<>((List<?>) earlier);
    next.addAll((List<?>) later);
    return next;
  }

  @Override
  public Object result(Object contents) {
    return Collections.unmodifiableList(new ArrayList<>((List<?>) contents));
  }
}
