package dev.runnel.localrunner.input;

import java.util.Objects;

/**
 * A line of an input that cannot become a record of its stream (over the record size limit), so it goes to the job's
 * dead letters instead of stopping the run.
 *
 * @param input      the input it is a line of
 * @param lineNumber its line number, from 1
 * @param data       the line's bytes, as it would have been written
 * @param reason     why it was not written, with the size and the limit
 */
public record RejectedLine(InputSource input, int lineNumber, byte[] data, String reason) {
  public RejectedLine {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(reason, "reason");
  }
}
