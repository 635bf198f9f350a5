package dev.runnel.cli;

import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import picocli.CommandLine;

/**
 * Resolves a job class named on the command line and plans it: a class that is not there is a usage error (with the
 * usage text), a job the planner rejects is an {@link UnplannableJob} (the planner's message only).
 */
final class JobClassArgument {
  private JobClassArgument() {}

  /**
   * The plan of the named class, loaded from the classpath the options give (which becomes this thread's context
   * class loader) or the command's own; throws a {@link CommandLine.ParameterException} when there is no such class
   * and an {@link UnplannableJob} when the planner rejects it (both exit 2).
   */
  static Plan plan(CommandLine commandLine, String className, JobClasspathOptions classes) {
    classes.install(commandLine);
    Class<?> jobClass;
    try {
      jobClass = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new CommandLine.ParameterException(commandLine, "no job class '" + className
          + "' on the " + (classes.given() ? "classpath given" : "classpath") + "; give its fully qualified name, e.g. "
          + "dev.runnel.examples.orders.OrderRouting; " + JobClasspathOptions.hint());
    }
    try {
      return Planner.plan(jobClass);
    } catch (dev.runnel.planner.InvalidJobException e) {
      throw new UnplannableJob(e.getMessage());
    }
  }
}
