package dev.runnel.localrunner.summary;

/**
 * One input fed into a source stream.
 *
 * @param stream       the stream
 * @param label        where the lines came from
 * @param records      how many records of the input the stream holds (a resumed run counts those the interrupted
 *                     one wrote)
 * @param emptyLines   empty or blank lines skipped
 * @param deadLettered lines that could not be records (over the record size limit), sent to the dead letters
 */
public record FedInput(String stream, String label, int records, int emptyLines, int deadLettered) {
  /** An input whose every line became a record. */
  public FedInput(String stream, String label, int records) {
    this(stream, label, records, 0, 0);
  }

  /** "41 records", then ", 2 empty lines skipped" and ", 1 line over the record limit dead-lettered" when any. */
  public String describe() {
    return records + (records == 1 ? " record" : " records")
        + (emptyLines == 0 ? "" : ", " + emptyLines + (emptyLines == 1 ? " empty line" : " empty lines") + " skipped")
        + (deadLettered == 0 ? "" : ", " + deadLettered + (deadLettered == 1 ? " line" : " lines")
            + " over the record limit dead-lettered");
  }
}
