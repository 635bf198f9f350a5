package dev.runnel.localrunner.input;

import dev.runnel.plan.Plan;
import dev.runnel.plan.StreamRole;
import dev.runnel.plan.StreamSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides what to feed into each source stream of a plan: the inputs given for it, else the job's bundled
 * {@code runnel/inputs/<job>/<stream>.jsonl}, else nothing.
 */
public final class SourceInputs {
  private SourceInputs() {}

  /**
   * The inputs to feed, in source-stream order.
   *
   * @throws IllegalArgumentException if an input names a stream that is not a source of the plan
   */
  public static List<InputSource> resolve(Plan plan, List<InputSource> given, ClassLoader loader) {
    Set<String> sources = plan.streams().stream().filter(s -> s.role() == StreamRole.SOURCE)
        .map(StreamSpec::name).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    for (InputSource input : given) {
      if (!sources.contains(input.stream())) {
        throw new IllegalArgumentException("input " + input.label() + " names stream '" + input.stream()
            + "', which is not a source stream of job " + plan.job() + "; its source streams are " + sources);
      }
    }
    List<InputSource> inputs = new ArrayList<>();
    for (String stream : sources) {
      List<InputSource> forStream = given.stream().filter(i -> i.stream().equals(stream)).toList();
      if (!forStream.isEmpty()) {
        inputs.addAll(forStream);
      } else {
        Optional<InputSource> bundled = InputSource.bundled(plan.job(), stream, loader);
        bundled.ifPresent(inputs::add);
      }
    }
    return inputs;
  }
}
