package dev.runnel.localrunner.input;

/**
 * What feeding one input did with its lines.
 *
 * @param records     lines that are records of the stream, those an interrupted earlier feed wrote included
 * @param emptyLines  empty or blank lines, skipped
 * @param rejected    lines that could not be records, sent to the dead letters
 * @param alreadyFed  of {@code records}, those an interrupted earlier feed had written (a resumed run); 0 otherwise
 */
public record FedLines(int records, int emptyLines, int rejected, int alreadyFed) {

  /** What a feed into a fresh stream did. */
  public FedLines(int records, int emptyLines, int rejected) {
    this(records, emptyLines, rejected, 0);
  }
}
