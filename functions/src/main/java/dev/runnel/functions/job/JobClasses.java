package dev.runnel.functions.job;

import java.util.Objects;

/**
 * Loads the classes a plan names (the job class, record types, codecs) from the function's class loader, with
 * errors that say which part of the plan needed them.
 *
 * @param loader the class loader holding the job
 */
public record JobClasses(ClassLoader loader) {
  public JobClasses {
    Objects.requireNonNull(loader, "loader");
  }

  /** The context class loader of the current thread, or the runtime's own loader when there is none. */
  public static JobClasses ofCurrentThread() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return new JobClasses(context != null ? context : JobClasses.class.getClassLoader());
  }

  /** The class called {@code name}; {@code what} says what the plan uses it for, e.g. "input type of stage s1". */
  public Class<?> load(String name, String what) {
    try {
      return Class.forName(name, true, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("class " + name + " (" + what + ") is not on the function's classpath", e);
    }
  }

  /** A new instance of the job class, made with its public no-argument constructor. */
  public Object newJob(String jobClass) {
    return newInstance(jobClass, "job class");
  }

  /** A new instance of a user class (job, codec, function), made with its public no-argument constructor. */
  public Object newInstance(String className, String what) {
    Class<?> type = load(className, what);
    try {
      return type.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create " + what + " " + className
          + " (it needs a public no-argument constructor that does not throw)", e);
    }
  }
}
