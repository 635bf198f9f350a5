package dev.runnel.functions.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.StandardCharsets;

/**
 * Logback's JSON encoder, one line per event (the message formatted, the MDC, the throwable with its causes and
 * frames), with secrets masked by a {@link LogRedaction} in the finished line, so that no field escapes it.
 */
public final class RedactingJsonEncoder extends JsonEncoder {
  private final LogRedaction redaction;

  /** An encoder writing the fields the functions' lines carry and masking what {@code redaction} knows. */
  public RedactingJsonEncoder(LogRedaction redaction) {
    this.redaction = redaction;
    setWithSequenceNumber(false);
    setWithNanoseconds(false);
    setWithContext(false);
    setWithMessage(false);
    setWithArguments(false);
    setWithFormattedMessage(true);
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    String line = new String(super.encode(event), StandardCharsets.UTF_8);
    return redaction.redact(line).getBytes(StandardCharsets.UTF_8);
  }
}
