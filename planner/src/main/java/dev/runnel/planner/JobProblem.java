package dev.runnel.planner;

/**
 * One mistake in a job definition.
 *
 * @param where   the class, method or record it is in, as {@code OrderRouting.route(Order)}
 * @param problem what is wrong
 * @param fix     what to change
 */
public record JobProblem(String where, String problem, String fix) {
  @Override
  public String toString() {
    return where + ": " + problem + ". " + fix;
  }
}
