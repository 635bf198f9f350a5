package dev.runnel.functions.inference;

import dev.runnel.functions.output.KeyField;
import dev.runnel.plan.PromptTemplate;
import java.util.HashMap;
import java.util.Map;

/** Renders an operator's prompt template from an input record, its fields resolved once. */
public final class PromptRenderer {
  private final PromptTemplate template;
  private final Map<String, KeyField> fields = new HashMap<>();

  /** A renderer of {@code template} over records of {@code inputType}. */
  public PromptRenderer(String template, Class<?> inputType) {
    this.template = PromptTemplate.parse(template);
    for (String field : this.template.fields()) {
      fields.computeIfAbsent(field, name -> KeyField.resolve(inputType, name));
    }
  }

  /** The prompt for {@code record}; a field accessor's exception passes through. */
  public String render(Object record) throws Throwable {
    Map<String, Object> values = new HashMap<>();
    for (Map.Entry<String, KeyField> field : fields.entrySet()) {
      values.put(field.getKey(), field.getValue().valueOf(record));
    }
    return template.render(values::get);
  }
}
