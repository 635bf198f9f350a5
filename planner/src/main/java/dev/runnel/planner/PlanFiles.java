package dev.runnel.planner;

import dev.runnel.plan.Plan;
import dev.runnel.plan.PlanJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Plans jobs at build time and writes each plan to {@code <classes>/runnel/plans/<job>.json}, where the function
 * runtime finds it on the classpath. A job that cannot be planned fails the build with the planner's message.
 *
 * <p>Usage: {@code PlanFiles <classes dir> <job class>...}; run by the build (exec-maven-plugin, process-classes).
 */
public final class PlanFiles {
  private PlanFiles() {}

  /** The classpath resource holding a job's plan. */
  public static String resource(String job) {
    return "runnel/plans/" + job + ".json";
  }

  /** Plans each job class and writes its plan under the classes directory; returns the files written. */
  public static Path[] write(Path classes, String... jobClasses) throws IOException {
    Path[] written = new Path[jobClasses.length];
    for (int i = 0; i < jobClasses.length; i++) {
      Plan plan = Planner.plan(jobClasses[i]);
      Path file = classes.resolve(resource(plan.job()));
      Files.createDirectories(file.getParent());
      Files.writeString(file, PlanJson.write(plan));
      written[i] = file;
    }
    return written;
  }

  /** Entry point for the build. */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: PlanFiles <classes dir> <job class>...");
    }
    // An InvalidJobException propagates: the build fails and shows its message. No System.exit: this runs in Maven's JVM.
    for (Path file : write(Path.of(args[0]), Arrays.copyOfRange(args, 1, args.length))) {
      System.out.println("runnel: wrote plan " + file);
    }
  }
}
