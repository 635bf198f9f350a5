package dev.runnel.infra.stack;

import java.util.ArrayList;
import java.util.List;

/**
 * The alarms of a job: a stage falling behind (iterator age above a minute for five minutes), any function error, any
 * batch given up to the dead-letter queue, and any record dead-lettered. Missing data (an idle job) is healthy.
 */
final class Alarms {
  /** Iterator age, in milliseconds, above which a stage is behind. */
  static final double ITERATOR_AGE_MILLIS = 60_000;
  static final int ITERATOR_AGE_MINUTES = 5;
  /** The namespace, metric and dimension the stage functions write dead letters under ({@code DeadLetterMetric}). */
  static final String DEAD_LETTERS_NAMESPACE = "Runnel";
  static final String DEAD_LETTERS_METRIC = "DeadLetters";
  static final String JOB_DIMENSION = "Job";
  static final int DEAD_LETTERS_PERIOD_SECONDS = 300;

  private Alarms() {}

  static List<AlarmResource> of(String job, List<FunctionResource> functions, QueueResource queue) {
    List<AlarmResource> alarms = new ArrayList<>();
    for (FunctionResource function : functions) {
      String id = function.logicalId();
      if (function.kind() == FunctionKind.STAGE) {
        alarms.add(new AlarmResource(id + "IteratorAgeAlarm", "Stage " + function.stageId()
            + " is more than a minute behind its input stream for " + ITERATOR_AGE_MINUTES + " minutes",
            "AWS/Lambda", "IteratorAge", "FunctionName", function.functionName(), "Maximum", 60,
            ITERATOR_AGE_MINUTES, ITERATOR_AGE_MILLIS, "GreaterThanThreshold", "notBreaching"));
      }
      alarms.add(new AlarmResource(id + "ErrorsAlarm", "Function " + function.functionName()
          + " failed an invocation (Lambda retries the batch; see its log)", "AWS/Lambda", "Errors", "FunctionName",
          function.functionName(), "Sum", 60, 1, 0, "GreaterThanThreshold", "notBreaching"));
    }
    alarms.add(new AlarmResource(queue.logicalId() + "DepthAlarm", "A batch was given up: re-read the range the "
        + "message in " + queue.name() + " names before the stream's retention ends", "AWS/SQS",
        "ApproximateNumberOfMessagesVisible", "QueueName", queue.name(), "Maximum", 60, 1, 0,
        "GreaterThanThreshold", "notBreaching"));
    alarms.add(new AlarmResource(LogicalIds.deadLettersAlarm(job), "A stage of job " + job + " dead-lettered a record "
        + "it could not process: read the newest items of table " + job + "-dead-letters (payload, errorType, error; "
        + "docs/exactly-once.md) and fix the job or its input", DEAD_LETTERS_NAMESPACE, DEAD_LETTERS_METRIC,
        JOB_DIMENSION, job, "Sum", DEAD_LETTERS_PERIOD_SECONDS, 1, 0, "GreaterThanThreshold", "notBreaching"));
    return alarms;
  }
}
