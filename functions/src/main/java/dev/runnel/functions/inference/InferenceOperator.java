package dev.runnel.functions.inference;

import dev.runnel.functions.operators.Operator;
import dev.runnel.inference.InvalidAnswerException;
import dev.runnel.inference.ModelResult;
import dev.runnel.inference.results.ResultKey;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * {@code R m(T in, A answer)}: looks up the answer the inference phase obtained for this record's prompt and calls the
 * method with both. It never calls a model itself. A failed answer throws {@link ModelCallException}.
 *
 * @param name     the node name
 * @param model    the model's name, for messages
 * @param method   the bound method, typed {@code (Object, Object)Object}
 * @param prompts  renders the prompt from the input
 * @param keys     the stored-answer keys of this operator
 * @param decoder  turns an answer into the method's argument
 * @param answers  the batch's answers and the current input record
 */
public record InferenceOperator(String name, String model, MethodHandle method, PromptRenderer prompts,
    ResultKeys keys, AnswerDecoder decoder, BatchAnswers answers) implements Operator {

  @Override
  public void apply(Object record, List<Object> out) throws Throwable {
    ResultKey key = keys.of(answers.current(), prompts.render(record));
    ModelResult result = answers.get(key);
    if (result == null) {
      throw new IllegalStateException("inference operator " + name + " has no answer for its prompt; the inference"
          + " phase did not run for this record");
    }
    if (!result.succeeded()) {
      throw new ModelCallException(model, result.error());
    }
    Object answer;
    try {
      answer = decoder.decode(result);
    } catch (InvalidAnswerException e) {
      throw new ModelCallException(model, e.getMessage());
    }
    Object emitted = (Object) method.invokeExact(record, answer);
    if (emitted == null) {
      throw new IllegalStateException("inference operator " + name + " returned null; every record needs a result");
    }
    out.add(emitted);
  }
}
