package dev.runnel.modelserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP response to send: status, headers and body.
 *
 * @param status  the HTTP status
 * @param headers headers besides {@code Content-Type: application/json}
 * @param body    the body bytes
 */
public record Reply(int status, Map<String, String> headers, byte[] body) {
  public Reply {
    headers = Map.copyOf(headers);
  }

  /** A JSON reply. */
  public static Reply json(int status, JsonNode body) {
    return new Reply(status, Map.of(), body.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** This reply with one more header. */
  public Reply withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Reply(status, more, body);
  }

  /** This reply with its body cut in half: malformed JSON. */
  public Reply truncated() {
    return new Reply(status, headers, Arrays.copyOf(body, body.length / 2));
  }
}
