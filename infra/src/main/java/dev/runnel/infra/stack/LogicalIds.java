package dev.runnel.infra.stack;

import java.util.Locale;

/**
 * CloudFormation logical ids (alphanumeric) from plan names: {@code orders-route} → {@code OrdersRoute}, then a suffix
 * saying what the resource is ({@code OrdersRouteStream}). Names are unique per account and kind, so are the ids.
 */
public final class LogicalIds {
  private LogicalIds() {}

  /** The stream named {@code name}. */
  public static String stream(String name) {
    return pascal(name) + "Stream";
  }

  /** The table named {@code name}. */
  public static String table(String name) {
    return pascal(name) + "Table";
  }

  /** The function of stage {@code stageId}. */
  public static String function(String stageId) {
    return pascal(stageId) + "Function";
  }

  /** The tick function of stage {@code stageId}. */
  public static String tickFunction(String stageId) {
    return pascal(stageId) + "TickFunction";
  }

  /** The tick schedule of stage {@code stageId}. */
  public static String tickSchedule(String stageId) {
    return pascal(stageId) + "TickSchedule";
  }

  /** The dead-letter queue of job {@code job}. */
  public static String deadLetterQueue(String job) {
    return pascal(job) + "FailedBatchesQueue";
  }

  /** The stack parameter naming the customer-managed KMS key of job {@code job}'s dead-letter table. */
  public static String deadLetterKeyParameter(String job) {
    return pascal(job) + "DeadLetterKeyArn";
  }

  /** The stack condition that holds when job {@code job}'s dead-letter key parameter is set. */
  public static String deadLetterKeyCondition(String job) {
    return pascal(job) + "HasDeadLetterKey";
  }

  /** The alarm on {@code what} of stage {@code stageId}: {@code <Stage><What>Alarm}, e.g. {@code Orders1DeadLettersAlarm}. */
  public static String stageAlarm(String stageId, String what) {
    return pascal(stageId) + what + "Alarm";
  }

  /** The CloudWatch dashboard of job {@code job}. */
  public static String dashboard(String job) {
    return pascal(job) + "Dashboard";
  }

  /**
   * The execution role of function {@code functionLogicalId}: {@code <function>Role}, the name SAM gives the role it
   * generates, which the CDK construct uses too.
   */
  public static String role(String functionLogicalId) {
    return functionLogicalId + "Role";
  }

  /** The alias of function {@code functionLogicalId} named {@code alias}: {@code <function>Alias<alias>}, as SAM. */
  public static String alias(String functionLogicalId, String alias) {
    return functionLogicalId + "Alias" + alias;
  }

  /** The event source mapping feeding function {@code functionLogicalId}: {@code <function>Input}. */
  public static String mapping(String functionLogicalId) {
    return functionLogicalId + "Input";
  }

  /** The stack parameter carrying environment variable {@code variable} ({@code OPENAI_API_KEY} → {@code OpenaiApiKey}). */
  public static String parameter(String variable) {
    return pascal(variable.toLowerCase(Locale.ROOT));
  }

  /**
   * {@code name} in PascalCase: split at every character that is not a letter or digit, each part's first letter
   * upper-cased ({@code hotitems-bidsPerAuction} → {@code HotitemsBidsPerAuction}).
   */
  public static String pascal(String name) {
    StringBuilder id = new StringBuilder();
    for (String part : name.split("[^A-Za-z0-9]+")) {
      if (!part.isEmpty()) {
        id.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
      }
    }
    if (id.isEmpty()) {
      throw new IllegalArgumentException("no logical id can be made from '" + name + "'");
    }
    return id.toString();
  }
}
