package dev.runnel.localrunner.input;

/**
 * What feeding one input did with its lines.
 *
 * @param records    lines written to the stream as records
 * @param emptyLines empty or blank lines, skipped
 * @param rejected   lines that could not be records, sent to the dead letters
 */
public record FedLines(int records, int emptyLines, int rejected) {}
