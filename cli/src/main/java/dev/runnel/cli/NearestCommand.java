package dev.runnel.cli;

import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.input.SourceInputs;
import dev.runnel.localrunner.models.VectorSearch;
import dev.runnel.localrunner.run.RunOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code runnel nearest <JobClass> "<text>" [--k 3]}: runs a job that writes embeddings, then searches them. */
@Command(name = "nearest", mixinStandardHelpOptions = true,
    description = {"Run a job locally (as 'run' does), then load the vectors its @Embed operator wrote to its table "
        + "sink into a nearest-neighbour index, embed TEXT with the same in-process model and print the K nearest "
        + "records with their cosine similarity.",
        "Example: nearest dev.runnel.examples.rag.RagIndexer \"how do I get my money back\" --k 3"})
final class NearestCommand implements Callable<Integer> {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "JOB_CLASS", description = "The job's fully qualified class name.")
  private String jobClass;

  @CommandLine.Mixin
  private JobClasspathOptions classes;

  @Parameters(index = "1", paramLabel = "TEXT", description = "The question or phrase to search for.")
  private String text;

  @Option(names = "--k", paramLabel = "K", defaultValue = "3",
      description = "How many nearest records to print (default: ${DEFAULT-VALUE}).")
  private int k;

  @Option(names = "--input", paramLabel = "STREAM=PATH",
      description = "JSON-lines file to feed into a source stream instead of the bundled input. Repeatable.")
  private List<String> inputs = new ArrayList<>();

  @Option(names = "--all", description = "Print every record of every sink, not the first few.")
  private boolean all;

  @Mixin
  private ModelOptions models;

  @Override
  public Integer call() {
    var plan = JobClassArgument.plan(spec.commandLine(), jobClass, classes);
    if (k < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--k must be at least 1, not " + k);
    }
    if (text.isBlank()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "TEXT is empty: say what to search for");
    }
    VectorSearch.VectorTable table;
    try {
      table = VectorSearch.onlyTable(plan, Thread.currentThread().getContextClassLoader());
      if (table.model().provider() != dev.runnel.plan.ModelProvider.IN_PROCESS) {
        throw new IllegalArgumentException("the vectors of " + table.table() + " come from model "
            + table.model().name() + ", which is not in process; nearest embeds the question with an in-process "
            + "model only");
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    List<InputSource> sources = new ArrayList<>();
    try {
      for (String input : inputs) {
        sources.add(InputSource.parse(input));
      }
      SourceInputs.resolve(plan, sources, Thread.currentThread().getContextClassLoader());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    try (ModelOptions.Session session = models.open(spec.commandLine(), plan, System.err)) {
      return LocalRunReport.run(plan, sources, all, RunOptions.DEFAULT_TICK_EVERY, session.access(),
          (summary, emulators, out) -> NearestPrinter.print(emulators, table, text, k, out), System.out,
          System.err);
    } catch (ModelOptions.MissingKeys e) {
      return ModelOptions.report(e, System.err);
    }
  }
}
