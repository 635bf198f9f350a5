package dev.runnel.infra.stack;

import dev.runnel.plan.ModelProvider;
import dev.runnel.plan.ModelSpec;
import dev.runnel.plan.SecretReference;
import java.util.ArrayList;
import java.util.List;

/**
 * What a function needs to call its models: IAM on the exact secret, parameter and foundation model, and the
 * environment variables of {@code env:} keys (whose values are stack parameters, never in the template).
 */
final class ModelAccess {
  private ModelAccess() {}

  /** The statements letting a function read its models' keys and invoke its Bedrock models. */
  static List<PolicyStatement> statements(List<ModelSpec> models) {
    List<ArnRef> parameters = new ArrayList<>();
    List<ArnRef> secrets = new ArrayList<>();
    List<ArnRef> bedrock = new ArrayList<>();
    for (ModelSpec model : models) {
      String key = model.apiKey();
      if (key != null && key.startsWith(SecretReference.SSM)) {
        parameters.add(ssmParameter(key.substring(SecretReference.SSM.length())));
      } else if (key != null && key.startsWith(SecretReference.SECRETS_MANAGER)) {
        secrets.add(secret(key.substring(SecretReference.SECRETS_MANAGER.length())));
      }
      if (model.provider() == ModelProvider.BEDROCK) {
        bedrock.add(foundationModel(model));
      }
    }
    List<PolicyStatement> statements = new ArrayList<>();
    if (!parameters.isEmpty()) {
      statements.add(new PolicyStatement("ReadModelKeyParameters", List.of("ssm:GetParameter"), parameters));
    }
    if (!secrets.isEmpty()) {
      statements.add(new PolicyStatement("ReadModelKeySecrets", List.of("secretsmanager:GetSecretValue"), secrets));
    }
    if (!bedrock.isEmpty()) {
      statements.add(new PolicyStatement("InvokeBedrockModels", List.of("bedrock:InvokeModel"), bedrock));
    }
    return statements;
  }

  /** The variables of the models' {@code env:} keys, each a stack parameter. */
  static List<StackParameter> parameters(List<ModelSpec> models) {
    return models.stream().map(ModelSpec::apiKey)
        .filter(key -> key != null && key.startsWith(SecretReference.ENV))
        .map(key -> key.substring(SecretReference.ENV.length())).distinct()
        .map(variable -> new StackParameter(LogicalIds.parameter(variable), variable,
            "The value of " + variable + ", a model API key the functions read from their environment "
                + "(NoEcho; prefer an ssm: or secretsmanager: reference in the job)"))
        .toList();
  }

  /** A SecureString parameter by name ({@code /x/y}) or ARN. */
  static ArnRef ssmParameter(String name) {
    if (name.startsWith("arn:")) {
      return ArnRef.pattern(name);
    }
    String path = name.startsWith("/") ? name.substring(1) : name;
    return ArnRef.pattern("arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/" + path);
  }

  /** A secret by name (any of its versions: Secrets Manager appends six random characters) or ARN. */
  static ArnRef secret(String id) {
    if (id.startsWith("arn:")) {
      return ArnRef.pattern(id);
    }
    return ArnRef.pattern("arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:" + id
        + "-??????");
  }

  /** A Bedrock foundation model in the model's region (the function's own when the plan names none). */
  static ArnRef foundationModel(ModelSpec model) {
    String region = model.region() == null ? "${AWS::Region}" : model.region();
    return ArnRef.pattern("arn:${AWS::Partition}:bedrock:" + region + "::foundation-model/" + model.modelId());
  }
}
