package dev.runnel.functions.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.runnel.checkpointing.dedup.AppliedIdentities;
import dev.runnel.functions.codec.JsonLimits;
import dev.runnel.functions.codec.RunnelJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stored form of one key's states: a JSON object {@code {"e": {"op/state": {"v": value, "t": millis}}, "d":
 * "dedup memory"}}, the dedup memory in its compact text form ({@code AppliedIdentities.encode}). The write time
 * {@code t} is stored only for states with a time to live, and {@code d} only when it holds something. States the
 * stage no longer declares are dropped when read; expired ones when written. It reads back anything it wrote, and
 * items written with {@code t} and an empty {@code d} everywhere: the mapper's limits are {@link JsonLimits}.
 */
public final class KeyStateCodec {
  private static final ObjectMapper JSON = RunnelJson.MAPPER;
  /** Items live at least this long after their last write, so the dedup memory outlives any zombie. */
  private static final long MINIMUM_ITEM_LIFE_SECONDS = 86_400;

  private final Map<String, StateBinding> bindings;
  private final Map<String, ObjectReader> readers = new ConcurrentHashMap<>();

  /** A codec for the stage's states. */
  public KeyStateCodec(List<StateBinding> bindings) {
    this.bindings = new HashMap<>();
    bindings.forEach(b -> this.bindings.put(b.id(), b));
  }

  /**
   * Decodes a stored item of {@code key} at {@code version}. Each value is read straight from the stored text into
   * its type, so numbers keep their precision and scale (a tree would turn a long decimal into a double).
   */
  public KeyState decode(String key, String version, byte[] stored) {
    return decodeCommitted(key, version, stored).workingCopy();
  }

  /** Decodes a stored item of {@code key} at {@code version} as {@link #decode} does, into its immutable form. */
  public CommittedKeyState decodeCommitted(String key, String version, byte[] stored) {
    Map<String, StateEntry> entries = new HashMap<>();
    AppliedIdentities identities = AppliedIdentities.EMPTY;
    try (JsonParser parser = JSON.createParser(stored)) {
      expect(parser.nextToken(), JsonToken.START_OBJECT);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("e")) {
          expect(value, JsonToken.START_OBJECT);
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String id = parser.currentName();
            parser.nextToken();
            StateBinding binding = bindings.get(id);
            if (binding == null) {
              parser.skipChildren(); // a state the stage no longer declares
            } else {
              entries.put(id, entry(parser, binding));
            }
          }
        } else if (field.equals("d") && value == JsonToken.VALUE_STRING) {
          identities = AppliedIdentities.decode(parser.getText());
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new UncheckedIOException("cannot decode the stored state of key '" + key + "'",
          e instanceof IOException io ? io : new IOException(e.getMessage(), e));
    }
    return new CommittedKeyState(key, version, entries, identities);
  }

  /** One entry {@code {"v": value, "t": millis}}, the parser on its opening brace. */
  private StateEntry entry(JsonParser parser, StateBinding binding) throws IOException {
    expect(parser.currentToken(), JsonToken.START_OBJECT);
    Object value = null;
    long updated = StateEntry.UNTIMED;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if (field.equals("v")) {
        value = readers.computeIfAbsent(binding.id(), id -> JSON.readerFor(binding.storedType())
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)).readValue(parser);
      } else if (field.equals("t")) {
        updated = parser.getValueAsLong();
      } else {
        parser.skipChildren();
      }
    }
    return new StateEntry(value, updated);
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("expected " + expected + " in the stored state, found " + actual);
    }
  }

  /**
   * Encodes a key's live states and dedup memory. A value nested deeper than {@link JsonLimits#MAX_NESTING_DEPTH}
   * fails here, with Jackson's message, rather than when it is read back.
   */
  public byte[] encode(KeyState state, long nowMillis) {
    return encode(committed(state, nowMillis));
  }

  /**
   * What {@code state} stores at {@code nowMillis}: its version, the states the stage declares that have not expired,
   * and its dedup memory; decoding its {@link #encode(CommittedKeyState) encoding} gives the same.
   */
  public CommittedKeyState committed(KeyState state, long nowMillis) {
    Map<String, StateEntry> live = new HashMap<>();
    for (Map.Entry<String, StateEntry> entry : state.entries().entrySet()) {
      StateBinding binding = bindings.get(entry.getKey());
      if (binding != null && state.value(binding, nowMillis) != null) {
        live.put(entry.getKey(), entry.getValue());
      }
    }
    return new CommittedKeyState(state.key(), state.version(), live, state.identities());
  }

  /**
   * {@code state} without its values expired at {@code nowMillis} (and without values of states the stage no longer
   * declares), as {@link #committed} would store it then: a key no record touches is judged at compaction this way.
   */
  public CommittedKeyState unexpired(CommittedKeyState state, long nowMillis) {
    Map<String, StateEntry> live = new HashMap<>();
    for (Map.Entry<String, StateEntry> entry : state.entries().entrySet()) {
      StateBinding binding = bindings.get(entry.getKey());
      if (binding != null && !binding.expired(entry.getValue(), nowMillis)) {
        live.put(entry.getKey(), entry.getValue());
      }
    }
    return live.size() == state.entries().size() ? state
        : new CommittedKeyState(state.key(), state.version(), live, state.identities());
  }

    /** Encodes a key's committed states and dedup memory, as {@link #committed} chose them. */
  public byte[] encode(CommittedKeyState state) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = JSON.createGenerator(out)) {
      generator.writeStartObject();
      generator.writeFieldName("e");
      generator.writeStartObject();
      for (Map.Entry<String, StateEntry> entry : state.entries().entrySet()) {
        generator.writeFieldName(entry.getKey());
        generator.writeStartObject();
        generator.writeFieldName("v");
        JSON.writeValue(generator, entry.getValue().value());
        StateBinding binding = bindings.get(entry.getKey());
        if (binding != null && binding.ttlMillis() > 0 && entry.getValue().timed()) {
          generator.writeNumberField("t", entry.getValue().updatedMillis());
        }
        generator.writeEndObject();
      }
      generator.writeEndObject();
      String identities = state.identities().encode();
      if (!identities.isEmpty()) {
        generator.writeStringField("d", identities);
      }
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the state of key '" + state.key() + "': " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /**
   * When the item may be deleted by DynamoDB's TTL: after the longest-lived state expires, and never sooner than a
   * day after the last write; 0 (never) when some state lives forever or has a time to live but no stored write
   * time.
   */
  public long expiresAtEpochSeconds(KeyState state, long nowMillis) {
    long latest = nowMillis / 1000 + MINIMUM_ITEM_LIFE_SECONDS;
    for (Map.Entry<String, StateEntry> entry : state.entries().entrySet()) {
      StateBinding binding = bindings.get(entry.getKey());
      if (binding == null) {
        continue;
      }
      if (binding.ttlMillis() == 0 || !entry.getValue().timed()) {
        return 0; // kept forever, or until a value stored without its write time is written again
      }
      latest = Math.max(latest, (entry.getValue().updatedMillis() + binding.ttlMillis()) / 1000);
    }
    return latest;
  }

}
