package dev.runnel.planner;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a job cannot be planned; lists every problem found, each with what to change. */
public final class InvalidJobException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<JobProblem> problems;

  /** An exception for the job class with these problems (at least one). */
  public InvalidJobException(Class<?> jobClass, List<JobProblem> problems) {
    super(message(jobClass, problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in the order they were found. */
  public List<JobProblem> problems() {
    return problems;
  }

  private static String message(Class<?> jobClass, List<JobProblem> problems) {
    return "job " + jobClass.getName() + " cannot be planned (" + problems.size()
        + (problems.size() == 1 ? " problem" : " problems") + "):\n"
        + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
  }
}
