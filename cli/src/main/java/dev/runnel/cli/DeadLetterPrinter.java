package dev.runnel.cli;

import dev.runnel.operations.deadletters.DeadLetterEntry;
import dev.runnel.operations.deadletters.ReplayOutcome;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints dead letters and replay outcomes for people, and their JSON form for scripts. */
final class DeadLetterPrinter {
  private static final int SHORT_ERROR = 80;
  /** The context every dead letter's error starts with: job, stage, shard and sequence number. */
  private static final java.util.regex.Pattern CONTEXT = java.util.regex.Pattern.compile(
      "^job '[^']*', stage '[^']*', shard [^,]*, sequence number [^:]*: ");
  /** A qualified exception class name, whose package the short error leaves out. */
  private static final java.util.regex.Pattern QUALIFIED = java.util.regex.Pattern.compile(
      "\\b(?:[a-z]\\w*\\.)+([A-Z]\\w*(?:Exception|Error))");

  private DeadLetterPrinter() {}

  static void list(List<DeadLetterEntry> entries, PrintWriter out) {
    TextTable table = new TextTable("ID", "ERROR TYPE", "FAILED AT", "ERROR", "REPLAY");
    for (DeadLetterEntry entry : entries) {
      table.row(entry.id().toString(), entry.errorType(), entry.failedAt(), shortError(entry.error()),
          replay(entry));
    }
    table.print(out);
    out.println(entries.size() + " dead letter(s)");
  }

  static void show(DeadLetterEntry entry, PrintWriter out) {
    out.println("id:           " + entry.id());
    out.println("stage:        " + entry.id().stage());
    out.println("shard:        " + entry.id().shard());
    out.println("position:     " + entry.id().position());
    out.println("error type:   " + entry.errorType());
    out.println("operator:     " + (entry.operator() == null ? "-" : entry.operator()));
    out.println("failed at:    " + entry.failedAt());
    out.println("partition key: " + (entry.partitionKey() == null ? "-" : entry.partitionKey()));
    out.println("replay:       " + replay(entry));
    out.println("error:");
    out.println("  " + (entry.error() == null ? "-" : entry.error().replace("\n", "\n  ")));
    out.println("payload (" + entry.payloadBytes() + " bytes" + (entry.payloadTruncated() ? ", cut" : "") + "):");
    String text = text(entry.payload());
    out.println("  " + (text != null ? text : "base64:" + Base64.getEncoder().encodeToString(entry.payload())));
  }

  static void replayed(List<ReplayOutcome> outcomes, PrintWriter out) {
    TextTable table = new TextTable("ID", "RESULT", "SEQUENCE NUMBER", "DETAIL");
    for (ReplayOutcome outcome : outcomes) {
      table.row(outcome.id().toString(), outcome.result().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
          outcome.sequenceNumber(), outcome.detail());
    }
    table.print(out);
    long replayed = outcomes.stream().filter(o -> o.result() == ReplayOutcome.Result.REPLAYED).count();
    out.println(replayed + " of " + outcomes.size() + " dead letter(s) replayed");
  }

  /** The JSON form: the payload as text when it is UTF-8, else base64. */
  static Map<String, Object> json(DeadLetterEntry entry) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", entry.id().toString());
    json.put("stage", entry.id().stage());
    json.put("shard", entry.id().shard());
    json.put("position", entry.id().position());
    json.put("errorType", entry.errorType());
    json.put("operator", entry.operator());
    json.put("failedAt", entry.failedAt());
    json.put("expiresAt", entry.expiresAt());
    json.put("error", entry.error());
    json.put("partitionKey", entry.partitionKey());
    String text = text(entry.payload());
    json.put(text != null ? "payload" : "payloadBase64", text != null ? text
        : Base64.getEncoder().encodeToString(entry.payload()));
    json.put("payloadBytes", entry.payloadBytes());
    json.put("payloadTruncated", entry.payloadTruncated());
    json.put("replay", entry.replay());
    return json;
  }

  private static String replay(DeadLetterEntry entry) {
    if (entry.replay() == null) {
      return "-";
    }
    return entry.replay().confirmed() ? "replayed " + entry.replay().replayedAt()
        : "claimed " + entry.replay().claimedAt() + ", unconfirmed";
  }

  private static String shortError(String error) {
    if (error == null) {
      return null;
    }
    String line = QUALIFIED.matcher(CONTEXT.matcher(error.replace('\n', ' ')).replaceFirst("")).replaceAll("$1");
    return line.length() <= SHORT_ERROR ? line : line.substring(0, SHORT_ERROR - 1) + "…";
  }

  private static String text(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException notText) {
      return null;
    }
  }
}
