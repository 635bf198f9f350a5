package dev.runnel.localrunner.summary;

/**
 * One input fed into a source stream.
 *
 * @param stream  the stream
 * @param label   where the lines came from
 * @param records how many records were written
 */
public record FedInput(String stream, String label, int records) {}
