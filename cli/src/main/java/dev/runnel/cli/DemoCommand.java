package dev.runnel.cli;

import dev.runnel.examples.orders.OrderRouting;
import dev.runnel.functions.inference.ModelAccess;
import dev.runnel.localrunner.models.VectorSearch;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.planner.Planner;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code runnel demo}: runs the OrderRouting example on its bundled input, then asks its basket vectors (embedded in
 * process, no network, no key) which orders are nearest to a phrase.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the OrderRouting example locally on its bundled input (starts kinesis-local and DynamoDB Local), "
        + "then print the orders whose baskets are nearest to a phrase, by their in-process embeddings.")
final class DemoCommand implements Callable<Integer> {
  /** The phrase the demo searches the basket vectors for. */
  static final String QUESTION = "something to drink coffee from";

  @Option(names = "--all", description = "Print every record of every sink, not the first few.")
  private boolean all;

  @Option(names = "--ask", paramLabel = "TEXT", defaultValue = QUESTION,
      description = "The phrase to find the nearest orders to (default: \"${DEFAULT-VALUE}\").")
  private String question;

  @Override
  public Integer call() {
    var plan = Planner.plan(OrderRouting.class);
    VectorSearch.VectorTable baskets = VectorSearch.onlyTable(plan, OrderRouting.class.getClassLoader());
    return LocalRunReport.run(plan, List.of(), all, RunOptions.DEFAULT_TICK_EVERY, ModelAccess.fromProcess(),
        (summary, emulators, out) -> NearestPrinter.print(emulators, baskets, question, 3, out), System.out,
        System.err);
  }
}
