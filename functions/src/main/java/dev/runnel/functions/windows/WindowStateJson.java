package dev.runnel.functions.windows;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of a {@link WindowState}. Windows with their own contents alone (tumbling, session) are an array
 * of {@code [start, end, contents]}, with the firing count as a fourth element once fired (and, for windows with early
 * firings or discarding, {@code early, since, earlyAt} after it); with panes it is an object
 * {@code {"w": [windows], "p": [[start, contents], ...], "f": [[end, firings], ...], "x": closedAt}}, empty members
 * left out; count windows add {@code "n": records seen}. The layout written before panes, an array of {@code {"start", "end", "contents", "firings"}} objects,
 * still reads.
 */
public final class WindowStateJson {
  private WindowStateJson() {}

  /** Writes the short form. */
  public static final class Writer extends JsonSerializer<WindowState<?>> {
    @Override
    public void serialize(WindowState<?> state, JsonGenerator out, SerializerProvider provider) throws IOException {
      boolean windowsOnly = state.panes().isEmpty() && state.fired().isEmpty() && state.closedAt() == Long.MIN_VALUE
          && state.seen() == 0;
      if (windowsOnly) {
        writeWindows(state.windows(), out, provider);
        return;
      }
      out.writeStartObject();
      if (!state.windows().isEmpty()) {
        out.writeFieldName("w");
        writeWindows(state.windows(), out, provider);
      }
      if (!state.panes().isEmpty()) {
        out.writeArrayFieldStart("p");
        for (Pane<?> pane : state.panes()) {
          out.writeStartArray();
          out.writeNumber(pane.start());
          provider.defaultSerializeValue(pane.contents(), out);
          out.writeEndArray();
        }
        out.writeEndArray();
      }
      if (!state.fired().isEmpty()) {
        out.writeArrayFieldStart("f");
        for (FiredWindow fired : state.fired()) {
          out.writeStartArray();
          out.writeNumber(fired.end());
          out.writeNumber(fired.firings());
          out.writeEndArray();
        }
        out.writeEndArray();
      }
      if (state.closedAt() != Long.MIN_VALUE) {
        out.writeNumberField("x", state.closedAt());
      }
      if (state.seen() != 0) {
        out.writeNumberField("n", state.seen());
      }
      out.writeEndObject();
    }

    private static void writeWindows(List<? extends OpenWindow<?>> windows, JsonGenerator out,
        SerializerProvider provider) throws IOException {
      out.writeStartArray();
      for (OpenWindow<?> window : windows) {
        out.writeStartArray();
        out.writeNumber(window.start());
        out.writeNumber(window.end());
        provider.defaultSerializeValue(window.contents(), out);
        if (window.firings() != 0 || window.tracksFirings()) {
          out.writeNumber(window.firings());
        }
        if (window.tracksFirings()) {
          out.writeNumber(window.early());
          out.writeNumber(window.since());
          out.writeNumber(window.earlyAt());
        }
        out.writeEndArray();
      }
      out.writeEndArray();
    }
  }

  /** Reads the short form and the layout written before panes, into the contents type of the state's type. */
  public static final class Reader extends JsonDeserializer<WindowState<?>> implements ContextualDeserializer {
    private final JsonDeserializer<Object> contents;

    /** The uncontextualized reader Jackson creates first. */
    public Reader() {
      this(null);
    }

    private Reader(JsonDeserializer<Object> contents) {
      this.contents = contents;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
        throws JsonMappingException {
      JavaType type = property != null ? property.getType() : ctxt.getContextualType();
      JavaType contentsType = type == null ? null : type.containedType(0);
      if (contentsType == null) {
        throw JsonMappingException.from(ctxt, "window state read without its contents type: " + type);
      }
      return new Reader(ctxt.findRootValueDeserializer(contentsType));
    }

    @Override
    public WindowState<?> deserialize(JsonParser in, DeserializationContext ctxt) throws IOException {
      if (in.currentToken() == JsonToken.START_ARRAY) {
        return WindowState.ofWindows(windows(in, ctxt));
      }
      expect(in, JsonToken.START_OBJECT, ctxt);
      List<OpenWindow<Object>> windows = List.of();
      List<Pane<Object>> panes = new ArrayList<>();
      List<FiredWindow> fired = new ArrayList<>();
      long closedAt = Long.MIN_VALUE;
      long seen = 0;
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String field = in.currentName();
        in.nextToken();
        switch (field) {
          case "w" -> windows = windows(in, ctxt);
          case "p" -> {
            expect(in, JsonToken.START_ARRAY, ctxt);
            while (in.nextToken() == JsonToken.START_ARRAY) {
              in.nextToken();
              long start = in.getLongValue();
              in.nextToken();
              Object value = readContents(in, ctxt);
              expect(in.nextToken(), JsonToken.END_ARRAY, in, ctxt);
              panes.add(new Pane<>(start, value));
            }
          }
          case "f" -> {
            expect(in, JsonToken.START_ARRAY, ctxt);
            while (in.nextToken() == JsonToken.START_ARRAY) {
              in.nextToken();
              long end = in.getLongValue();
              in.nextToken();
              int firings = in.getIntValue();
              expect(in.nextToken(), JsonToken.END_ARRAY, in, ctxt);
              fired.add(new FiredWindow(end, firings));
            }
          }
          case "x" -> closedAt = in.getLongValue();
          case "n" -> seen = in.getLongValue();
          default -> in.skipChildren();
        }
      }
      return new WindowState<>(windows, panes, fired, closedAt, seen);
    }

    /** An array of windows, each {@code [start, end, contents(, firings)]} or an object of the earlier layout. */
    private List<OpenWindow<Object>> windows(JsonParser in, DeserializationContext ctxt) throws IOException {
      expect(in, JsonToken.START_ARRAY, ctxt);
      List<OpenWindow<Object>> windows = new ArrayList<>();
      for (JsonToken token = in.nextToken(); token != JsonToken.END_ARRAY; token = in.nextToken()) {
        windows.add(token == JsonToken.START_OBJECT ? earlierWindow(in, ctxt) : window(in, ctxt));
      }
      return windows;
    }

    private OpenWindow<Object> window(JsonParser in, DeserializationContext ctxt) throws IOException {
      expect(in, JsonToken.START_ARRAY, ctxt);
      in.nextToken();
      long start = in.getLongValue();
      in.nextToken();
      long end = in.getLongValue();
      in.nextToken();
      Object value = readContents(in, ctxt);
      int firings = 0;
      if (in.nextToken() != JsonToken.END_ARRAY) {
        firings = in.getIntValue();
        if (in.nextToken() != JsonToken.END_ARRAY) {
          int early = in.getIntValue();
          in.nextToken();
          long since = in.getLongValue();
          in.nextToken();
          long earlyAt = in.getLongValue();
          expect(in.nextToken(), JsonToken.END_ARRAY, in, ctxt);
          return new OpenWindow<>(start, end, value, firings, early, since, earlyAt);
        }
      }
      return new OpenWindow<>(start, end, value, firings);
    }

    /** {@code {"start": .., "end": .., "contents": .., "firings": ..}}, as stored before panes. */
    private OpenWindow<Object> earlierWindow(JsonParser in, DeserializationContext ctxt) throws IOException {
      long start = 0;
      long end = 0;
      Object value = null;
      int firings = 0;
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String field = in.currentName();
        in.nextToken();
        switch (field) {
          case "start" -> start = in.getLongValue();
          case "end" -> end = in.getLongValue();
          case "contents" -> value = readContents(in, ctxt);
          case "firings" -> firings = in.getIntValue();
          default -> in.skipChildren();
        }
      }
      return new OpenWindow<>(start, end, value, firings);
    }

    private Object readContents(JsonParser in, DeserializationContext ctxt) throws IOException {
      return in.currentToken() == JsonToken.VALUE_NULL ? contents.getNullValue(ctxt) : contents.deserialize(in, ctxt);
    }

    private static void expect(JsonParser in, JsonToken expected, DeserializationContext ctxt) throws IOException {
      expect(in.currentToken(), expected, in, ctxt);
    }

    private static void expect(JsonToken actual, JsonToken expected, JsonParser in, DeserializationContext ctxt)
        throws IOException {
      if (actual != expected) {
        ctxt.reportWrongTokenException(WindowState.class, expected, "in a stored window state");
      }
    }
  }
}
