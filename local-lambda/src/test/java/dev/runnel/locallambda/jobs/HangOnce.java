package dev.runnel.locallambda.jobs;

import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sums numbers per key; the first function process to meet the record marked {@code hang} hangs for an hour. A
 * marker file in the function's working directory (the run's function-code directory, shared by its processes) says
 * that a process already hung, so the retry in a fresh process goes through.
 */
@StreamingJob("hangonce")
public class HangOnce {
  /** The marker, relative to the function's working directory. */
  public static final String MARKER = "hung-once.marker";

  /** A number for a key. */
  @Source(stream = "hangonce-in", shards = 1)
  @KeyBy("key")
  public record Item(String key, long n, boolean hang) {}

  /** A key's count and sum so far. */
  public record Total(String key, long count, long sum) {}

  /** Adds the item to its key's totals. */
  @KeyedProcess(from = "hangonce-in")
  @Sink(table = "hangonce-totals", key = "key")
  public Total add(Item item, @State("count") ValueState<Long> count, @State("sum") ValueState<Long> sum) {
    if (item.hang()) {
      hangTheFirstTime();
    }
    long c = count.valueOr(0L) + 1;
    long s = sum.valueOr(0L) + item.n();
    count.update(c);
    sum.update(s);
    return new Total(item.key(), c, s);
  }

  private static void hangTheFirstTime() {
    try {
      Files.createFile(Path.of(MARKER));
    } catch (FileAlreadyExistsException e) {
      return;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Thread.sleep(3_600_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
