package dev.runnel.deploytests.readback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.iam.IamClient;

/** Reads the inline policies and the attached managed policy ARNs of a role through the IAM API. */
public final class RolePolicies {
  /** moto's {@code None} for a removed statement: an element of the statement list. */
  private static final Pattern NO_VALUE_STATEMENT =
      Pattern.compile("([\\[,]\\s*)None(\\s*[,\\]])");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final IamClient iam;

  /** Reads through {@code iam}. */
  public RolePolicies(IamClient iam) {
    this.iam = iam;
  }

  /** Every statement of every inline policy of the role with this ARN or name. */
  public List<PolicyStatement> inlineStatements(String roleArnOrName) {
    String role = roleName(roleArnOrName);
    List<PolicyStatement> statements = new ArrayList<>();
    for (String policy : iam.listRolePoliciesPaginator(b -> b.roleName(role)).policyNames()) {
      String document = iam.getRolePolicy(b -> b.roleName(role).policyName(policy)).policyDocument();
      statements.addAll(parse(document));
    }
    return statements;
  }

  /** The ARNs of the managed policies attached to the role. */
  public List<String> attachedPolicyArns(String roleArnOrName) {
    String role = roleName(roleArnOrName);
    return iam.listAttachedRolePoliciesPaginator(b -> b.roleName(role)).attachedPolicies().stream()
        .map(p -> p.policyArn()).toList();
  }

  /**
   * The statements of a policy document as IAM returns it: URL-encoded JSON. moto 5.2 returns documents created by
   * CloudFormation as the Python repr of the parsed JSON (single quotes, True/False), which is accepted too, and
   * leaves a {@code None} where a statement was {@code Fn::If} a false condition and {@code AWS::NoValue} (which
   * CloudFormation removes from the list): such a statement is skipped.
   */
  static List<PolicyStatement> parse(String document) {
    String text = URLDecoder.decode(document, StandardCharsets.UTF_8).trim();
    if (text.startsWith("{'")) {
      text = text.replace('\'', '"').replace(": True", ": true").replace(": False", ": false");
    }
    text = NO_VALUE_STATEMENT.matcher(text).replaceAll("$1null$2");
    try {
      JsonNode statements = JSON.readTree(text).path("Statement");
      List<PolicyStatement> parsed = new ArrayList<>();
      for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
        if (statement.isNull()) {
          continue;
        }
        parsed.add(new PolicyStatement(statement.path("Effect").asText(), strings(statement.path("Action")),
            strings(statement.path("Resource"))));
      }
      return parsed;
    } catch (IOException e) {
      throw new UncheckedIOException("not a policy document: " + text, e);
    }
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(value -> values.add(value.asText()));
    } else if (!node.isMissingNode()) {
      values.add(node.asText());
    }
    return values;
  }

  private static String roleName(String roleArnOrName) {
    return roleArnOrName.substring(roleArnOrName.lastIndexOf('/') + 1);
  }
}
