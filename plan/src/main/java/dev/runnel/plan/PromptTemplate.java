package dev.runnel.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A prompt template: text with {@code {field}} placeholders, replaced by the input record's fields; {@code {{} and
 * {@code {}}} write a literal brace. The planner checks the fields exist; the runtime renders it per record.
 */
public final class PromptTemplate {
  private final String source;
  private final List<String> literals;
  private final List<String> fields;

  private PromptTemplate(String source, List<String> literals, List<String> fields) {
    this.source = source;
    this.literals = literals;
    this.fields = fields;
  }

  /**
   * Parses a template.
   *
   * @throws IllegalArgumentException saying where a brace is unmatched or a placeholder is empty
   */
  public static PromptTemplate parse(String template) {
    List<String> literals = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (template.startsWith("{{}", i)) {
        literal.append('{');
        i += 3;
      } else if (template.startsWith("{}}", i)) {
        literal.append('}');
        i += 3;
      } else if (c == '{') {
        int end = template.indexOf('}', i);
        if (end < 0) {
          throw new IllegalArgumentException("the '{' at position " + i + " is never closed");
        }
        String field = template.substring(i + 1, end).trim();
        if (!field.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
          throw new IllegalArgumentException("the placeholder '{" + field + "}' at position " + i
              + " is not a field name");
        }
        literals.add(literal.toString());
        literal.setLength(0);
        fields.add(field);
        i = end + 1;
      } else if (c == '}') {
        throw new IllegalArgumentException("the '}' at position " + i + " closes nothing");
      } else {
        literal.append(c);
        i++;
      }
    }
    literals.add(literal.toString());
    return new PromptTemplate(template, List.copyOf(literals), List.copyOf(fields));
  }

  /** The fields the template reads, in order of appearance (repeats included). */
  public List<String> fields() {
    return fields;
  }

  /** The template with every placeholder replaced by {@code valueOf(field)} ({@code null} as "null"). */
  public String render(Function<String, Object> valueOf) {
    StringBuilder out = new StringBuilder(source.length() + 64);
    for (int i = 0; i < fields.size(); i++) {
      out.append(literals.get(i)).append(valueOf.apply(fields.get(i)));
    }
    return out.append(literals.get(fields.size())).toString();
  }

  @Override
  public String toString() {
    return source;
  }
}
