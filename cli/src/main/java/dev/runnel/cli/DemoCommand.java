package dev.runnel.cli;

import dev.runnel.examples.orders.OrderRouting;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.planner.Planner;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code runnel demo}: runs the OrderRouting example on its bundled input. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the OrderRouting example locally on its bundled input (starts kinesis-local and DynamoDB Local).")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--all", description = "Print every record of every sink, not the first few.")
  private boolean all;

  @Override
  public Integer call() {
    return LocalRunReport.run(Planner.plan(OrderRouting.class), List.of(), all, RunOptions.DEFAULT_TICK_EVERY,
        System.out, System.err);
  }
}
