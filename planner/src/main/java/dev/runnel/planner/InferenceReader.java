package dev.runnel.planner;

import dev.runnel.api.KeyBy;
import dev.runnel.api.Sink;
import dev.runnel.api.model.Classify;
import dev.runnel.api.model.Complete;
import dev.runnel.api.model.Embed;
import dev.runnel.api.model.Embedding;
import dev.runnel.api.model.Label;
import dev.runnel.plan.InferenceSpec;
import dev.runnel.plan.InferenceTask;
import dev.runnel.plan.ModelProvider;
import dev.runnel.plan.OperatorKind;
import dev.runnel.plan.PromptTemplate;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code @Complete}, {@code @Classify} or {@code @Embed} method {@code R name(T in, A answer)}: the model it
 * calls, the prompt template over T's fields, the answer type and its JSON schema, and its key and sinks.
 */
final class InferenceReader {
  private final List<JobProblem> problems;
  private final OutputReader outputs;
  private final Map<String, ModelReader.Declared> models;
  private final Set<String> rejectedModels;

  InferenceReader(List<JobProblem> problems, Map<String, ModelReader.Declared> models, Set<String> rejectedModels) {
    this.problems = problems;
    this.outputs = new OutputReader(problems);
    this.models = models;
    this.rejectedModels = rejectedModels;
  }

  /** True for the annotations this reader reads. */
  static boolean isInference(Annotation annotation) {
    return annotation instanceof Complete || annotation instanceof Classify || annotation instanceof Embed;
  }

  /** The inference operator, or null (with problems) when it is not usable. */
  OperatorNode read(Method method, Annotation annotation, KeyBy keyBy, Sink[] sinkAnnotations, String at) {
    InferenceTask task = annotation instanceof Complete ? InferenceTask.CHAT
        : annotation instanceof Classify ? InferenceTask.CLASSIFY : InferenceTask.EMBED;
    String name = "@" + annotation.annotationType().getSimpleName();
    String modelName = annotation instanceof Complete c ? c.model()
        : annotation instanceof Classify c ? c.model() : ((Embed) annotation).model();
    String from = annotation instanceof Complete c ? c.from()
        : annotation instanceof Classify c ? c.from() : ((Embed) annotation).from();
    String template = annotation instanceof Complete c ? c.prompt()
        : annotation instanceof Classify c ? c.prompt() : ((Embed) annotation).text();
    Class<?> answerHint = task == InferenceTask.CHAT ? null : task == InferenceTask.CLASSIFY ? Label.class
        : Embedding.class;
    String signature = "R " + method.getName() + "(T in, " + (answerHint == null ? "A answer"
        : answerHint.getSimpleName() + " " + (task == InferenceTask.CLASSIFY ? "label" : "embedding")) + ")";
    if (!Modifier.isPublic(method.getModifiers())) {
      problem(at, "operator method is not public", "Make it public so the runtime can call it.");
      return null;
    }
    if (method.getParameterCount() != 2) {
      problem(at, "a " + name + " takes the record and the model's answer, but this one takes "
          + method.getParameterCount() + " parameter(s)", "Change the signature to " + signature + ".");
      return null;
    }
    Class<?> inputType = method.getParameterTypes()[0];
    Class<?> answerType = method.getParameterTypes()[1];
    Class<?> returned = method.getReturnType();
    boolean ok = true;
    if (inputType.isPrimitive()) {
      problem(at, "its first parameter is the primitive " + inputType, "Take a record type.");
      ok = false;
    }
    if (returned == void.class || returned == Void.class || returned.isPrimitive()) {
      problem(at, "a " + name + " returns the record it makes from the input and the answer, but this one returns "
          + returned, "Return a record type, e.g. " + signature + ".");
      ok = false;
    }
    ModelReader.Declared model = models.get(modelName);
    if (model == null && rejectedModels.contains(modelName)) {
      return null; // its @Model was rejected with a problem saying what to change
    }
    if (model == null) {
      problem(at, "calls model '" + modelName + "', which the job does not declare",
          models.isEmpty() ? "Declare it on the job class: @Model(name = \"" + modelName + "\", provider = ..., id ="
              + " \"...\")." : "Use one of " + models.keySet() + ", or declare it with @Model on the job class.");
      return null;
    }
    ModelProvider provider = model.spec().provider();
    if (task == InferenceTask.EMBED && provider == ModelProvider.BEDROCK) {
      problem(at, "embeds with Bedrock model '" + modelName + "', but Runnel calls Bedrock through the Converse API,"
          + " which has no embeddings", "Embed with an OPENAI_COMPATIBLE or IN_PROCESS model.");
      return null;
    }
    if (task != InferenceTask.EMBED && provider == ModelProvider.IN_PROCESS) {
      problem(at, "asks in-process model '" + modelName + "' for a chat answer, but in-process models only embed",
          "Use @Embed with it, or call a chat model (OPENAI_COMPATIBLE or BEDROCK) from this " + name + ".");
      return null;
    }
    List<String> labels = List.of();
    String schema = null;
    if (task == InferenceTask.CHAT) {
      if (model.output() != void.class && model.output() != answerType) {
        problem(at, "its answer parameter is " + Describe.type(answerType) + ", but model '" + modelName
            + "' declares output " + Describe.type(model.output()), "Take " + Describe.type(model.output())
            + " as the answer, or change the model's output.");
        ok = false;
      } else {
        schema = AnswerSchemas.of(answerType, problems, at);
        ok &= schema != null;
      }
    } else if (answerType != answerHint) {
      problem(at, "a " + name + "'s second parameter is the " + answerHint.getSimpleName() + ", not "
          + Describe.type(answerType), "Change the signature to " + signature + ".");
      ok = false;
    }
    if (task == InferenceTask.CLASSIFY) {
      labels = List.of(((Classify) annotation).labels());
      Set<String> distinct = new HashSet<>();
      if (labels.isEmpty() || labels.stream().anyMatch(String::isBlank)
          || !labels.stream().allMatch(distinct::add)) {
        problem(at, "labels " + labels + " are not a set of distinct, non-blank labels",
            "List each label once, e.g. labels = {\"positive\", \"neutral\", \"negative\"}.");
        ok = false;
      } else {
        schema = AnswerSchemas.ofLabels(labels);
      }
    }
    ok &= checkTemplate(at, template, inputType, task == InferenceTask.EMBED ? "text" : "prompt");
    if (!ok) {
      return null;
    }
    String keyField = keyBy == null ? null : outputs.keyField(at, keyBy, returned);
    InferenceSpec spec = new InferenceSpec(modelName, task, template, labels, answerType.getName(), schema,
        model.keepResultsSeconds());
    return new OperatorNode(method.getName(), OperatorKind.INFERENCE, from, inputType, returned, keyField,
        keyBy == null ? 0 : keyBy.shards(), outputs.sinks(at, returned, sinkAnnotations), List.of(), null, false, null,
        at, spec);
  }

  private boolean checkTemplate(String at, String template, Class<?> inputType, String attribute) {
    PromptTemplate parsed;
    try {
      parsed = PromptTemplate.parse(template);
    } catch (IllegalArgumentException e) {
      problem(at, "its " + attribute + " template is malformed: " + e.getMessage(),
          "Write fields as {field}, and a literal brace as {{} or {}}.");
      return false;
    }
    if (template.isBlank()) {
      problem(at, "its " + attribute + " is empty", "Say what to ask, with the record's fields as {field}.");
      return false;
    }
    for (String field : parsed.fields()) {
      if (!RecordFields.has(inputType, field)) {
        problem(at, "its " + attribute + " uses {" + field + "}, but " + Describe.type(inputType) + " has no field '"
            + field + "'", "Use one of " + RecordFields.names(inputType) + ".");
        return false;
      }
    }
    return true;
  }

  private void problem(String at, String problem, String fix) {
    problems.add(new JobProblem(at, problem, fix));
  }
}
