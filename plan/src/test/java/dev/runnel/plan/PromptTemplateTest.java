package dev.runnel.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prompt templates: {field} placeholders, {{} and {}} escapes, and the errors the planner reports. */
class PromptTemplateTest {
  private static String render(String template, Map<String, Object> values) {
    return PromptTemplate.parse(template).render(values::get);
  }

  @Test
  void replacesEachPlaceholderByItsField() {
    PromptTemplate template = PromptTemplate.parse("Review by {user}: {text} ({stars} stars)");
    assertThat(template.fields()).containsExactly("user", "text", "stars");
    assertThat(template.render(Map.<String, Object>of("user", "ann", "text", "Great", "stars", 5)::get))
        .isEqualTo("Review by ann: Great (5 stars)");
    assertThat(template.toString()).isEqualTo("Review by {user}: {text} ({stars} stars)");
  }

  @Test
  void aTemplateWithoutPlaceholdersIsItsText() {
    PromptTemplate template = PromptTemplate.parse("Say hello.");
    assertThat(template.fields()).isEmpty();
    assertThat(template.render(f -> {
      throw new AssertionError("no field is read: " + f);
    })).isEqualTo("Say hello.");
    assertThat(PromptTemplate.parse("").render(f -> "x")).isEmpty();
  }

  @Test
  void placeholdersAtTheEdgesAndNextToEachOther() {
    assertThat(PromptTemplate.parse("{a}{b}").fields()).containsExactly("a", "b");
    assertThat(render("{a}{b}", Map.of("a", "1", "b", "2"))).isEqualTo("12");
    assertThat(render("{a}", Map.of("a", "only"))).isEqualTo("only");
    assertThat(PromptTemplate.parse("{ spaced }").fields()).containsExactly("spaced");
    assertThat(PromptTemplate.parse("{_x1} {$y}").fields()).containsExactly("_x1", "$y");
  }

  @Test
  void repeatedFieldsAreListedAndRenderedEachTime() {
    PromptTemplate template = PromptTemplate.parse("{word}, {word}, {word}!");
    assertThat(template.fields()).containsExactly("word", "word", "word");
    List<String> asked = new ArrayList<>();
    assertThat(template.render(f -> {
      asked.add(f);
      return "go";
    })).isEqualTo("go, go, go!");
    assertThat(asked).containsExactly("word", "word", "word");
  }

  @Test
  void doubledBracesWriteLiteralBraces() {
    assertThat(render("{{}", Map.of())).isEqualTo("{");
    assertThat(render("{}}", Map.of())).isEqualTo("}");
    assertThat(render("{{}{}}", Map.of())).isEqualTo("{}");
    PromptTemplate json = PromptTemplate.parse("Answer as {{}\"label\": ...{}} about {text}");
    assertThat(json.fields()).containsExactly("text");
    assertThat(json.render(Map.<String, Object>of("text", "cats")::get))
        .isEqualTo("Answer as {\"label\": ...} about cats");
    // an escaped brace is not the start of a placeholder
    assertThat(PromptTemplate.parse("{{}name{}}").fields()).isEmpty();
    assertThat(render("{{}name{}}", Map.of("name", "x"))).isEqualTo("{name}");
    assertThat(render("{{}{name}{}}", Map.of("name", "x"))).isEqualTo("{x}");
  }

  @Test
  void aValueIsInsertedAsIsAndNullAsNull() {
    Map<String, Object> values = new HashMap<>();
    values.put("a", "{b} and }{");
    values.put("b", null);
    assertThat(render("[{a}] [{b}]", values)).isEqualTo("[{b} and }{] [null]");
  }

  @Test
  void anUnclosedBraceSaysWhere() {
    assertThatThrownBy(() -> PromptTemplate.parse("Classify {text"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the '{' at position 9 is never closed");
    assertThatThrownBy(() -> PromptTemplate.parse("{"))
        .hasMessage("the '{' at position 0 is never closed");
  }

  @Test
  void aStrayClosingBraceSaysWhere() {
    assertThatThrownBy(() -> PromptTemplate.parse("a } b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the '}' at position 2 closes nothing");
    assertThatThrownBy(() -> PromptTemplate.parse("{text}}"))
        .hasMessage("the '}' at position 6 closes nothing");
    // {{} is one literal brace: what follows it is not a placeholder's end
    assertThatThrownBy(() -> PromptTemplate.parse("{{}}"))
        .hasMessage("the '}' at position 3 closes nothing");
  }

  @Test
  void anEmptyOrMalformedPlaceholderIsNotAField() {
    assertThatThrownBy(() -> PromptTemplate.parse("Say {}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the placeholder '{}' at position 4 is not a field name");
    assertThatThrownBy(() -> PromptTemplate.parse("{   }"))
        .hasMessage("the placeholder '{}' at position 0 is not a field name");
    assertThatThrownBy(() -> PromptTemplate.parse("{first name}"))
        .hasMessage("the placeholder '{first name}' at position 0 is not a field name");
    assertThatThrownBy(() -> PromptTemplate.parse("{1st}"))
        .hasMessage("the placeholder '{1st}' at position 0 is not a field name");
    assertThatThrownBy(() -> PromptTemplate.parse("x {{name}}"))
        .hasMessage("the placeholder '{{name}' at position 2 is not a field name");
  }

  @Test
  void anyCharacterOutsideBracesIsLiteral() {
    String text = "Ünïcødé 🙂 \"quotes\" \\ back\nslash $ % ";
    assertThat(render(text + "{a}", Map.of("a", 1))).isEqualTo(text + "1");
  }
}
