package dev.runnel.dashboard;

import java.util.List;

/**
 * Everything the dashboard shows about a job at one moment.
 *
 * @param job         the job's name
 * @param status      {@code starting}, {@code running} or {@code finished}
 * @param atMillis    when the figures were read, epoch milliseconds
 * @param stages      each stage's figures, in plan order
 * @param deadLetters the dead letters so far, with their payloads
 * @param sinks       each sink's count and latest records
 * @param charts      a time series per windowed sink ({@link WindowCharts})
 */
public record JobFigures(String job, String status, long atMillis, List<StageFigures> stages,
    List<DeadLetterView> deadLetters, List<SinkPreview> sinks, List<WindowChart> charts) {
  public JobFigures {
    stages = List.copyOf(stages);
    deadLetters = List.copyOf(deadLetters);
    sinks = List.copyOf(sinks);
    charts = List.copyOf(charts);
  }

  /** Nothing read yet: the job is starting. */
  public static JobFigures starting(String job, long atMillis) {
    return new JobFigures(job, "starting", atMillis, List.of(), List.of(), List.of(), List.of());
  }

  /** The same figures with another status. */
  public JobFigures withStatus(String newStatus) {
    return new JobFigures(job, newStatus, atMillis, stages, deadLetters, sinks, charts);
  }

  /** The same figures with these stage figures. */
  public JobFigures withStages(List<StageFigures> newStages) {
    return new JobFigures(job, status, atMillis, newStages, deadLetters, sinks, charts);
  }
}
