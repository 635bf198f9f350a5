package dev.runnel.functions.logging;

import ch.qos.logback.core.encoder.JsonEscapeUtil;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.runnel.inference.secrets.ResolvedSecrets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Masks secrets in a log line: the values of the environment variables that hold secrets (AWS credentials, model keys,
 * anything named like a key, secret, token, password or credential), every secret the process resolved at run time
 * ({@link ResolvedSecrets}: keys read from SSM or Secrets Manager), each also as JSON escapes it ({@code \/} for
 * {@code /}, as logback writes it), and text shaped like
 * an AWS access key id, an OpenAI-style key or a bearer token.
 *
 * @param values the secret values to mask, longest first
 */
public record LogRedaction(List<String> values) {
  /** What a secret is replaced with. */
  public static final String MASK = "****";
  /** Values shorter than this are not masked: they would mangle ordinary text, and no real key is that short. */
  static final int MIN_LENGTH = 8;
  private static final Set<String> SECRET_NAME_PARTS = Set.of("KEY", "SECRET", "TOKEN", "PASSWORD", "PASSWD",
      "CREDENTIAL", "AUTH");
  private static final Pattern SHAPED = Pattern.compile(
      "\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b|\\bsk-[A-Za-z0-9_-]{16,}|(?i)(?<=bearer\\s)[A-Za-z0-9._~+/=-]{8,}");

  public LogRedaction {
    values = values.stream().filter(v -> v != null && v.length() >= MIN_LENGTH).distinct()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  /** The secrets among {@code environment}'s values. */
  public static LogRedaction of(Map<String, String> environment) {
    List<String> values = new ArrayList<>();
    environment.forEach((name, value) -> {
      if (secretName(name)) {
        values.addAll(forms(value));
      }
    });
    return new LogRedaction(values);
  }

  /** {@code value} as written, as logback's JSON encoder escapes it ({@code /} too) and as Jackson escapes it. */
  static List<String> forms(String value) {
    return List.of(value, JsonEscapeUtil.jsonEscapeString(value),
        new String(JsonStringEncoder.getInstance().quoteAsString(value)));
  }

  /** True when a variable of that name holds a secret. */
  static boolean secretName(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return SECRET_NAME_PARTS.stream().anyMatch(upper::contains);
  }

  /** {@code line} with every secret replaced by {@link #MASK}. */
  public String redact(String line) {
    String out = line;
    for (String value : values) {
      out = out.replace(value, MASK);
    }
    for (String value : ResolvedSecrets.values()) {
      for (String form : forms(value)) {
        out = out.replace(form, MASK);
      }
    }
    return SHAPED.matcher(out).replaceAll(MASK);
  }
}
