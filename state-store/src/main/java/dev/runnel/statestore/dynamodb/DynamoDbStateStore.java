package dev.runnel.statestore.dynamodb;

import dev.runnel.statestore.StateKey;
import dev.runnel.statestore.StateStore;
import dev.runnel.statestore.StateWrite;
import dev.runnel.statestore.StoredState;
import dev.runnel.statestore.WriteOutcome;
import dev.runnel.statestore.item.ItemLayout;
import dev.runnel.statestore.item.StateItem;
import dev.runnel.statestore.metering.RequestMeter;
import dev.runnel.statestore.metering.StateStoreCounters;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@link StateStore} on one DynamoDB table (see {@link StateTable} for its shape). Loads are strongly consistent
 * BatchGetItems; each write is one conditional PutItem or DeleteItem (1 write unit per KB), sent at most
 * {@code concurrency} at a time; a value over 400 KB is written as head and chunks in one TransactWriteItems.
 * Close it to stop its writer threads; the client stays the caller's.
 */
public final class DynamoDbStateStore implements StateStore, AutoCloseable {
  /** Writes in flight at once by default. */
  public static final int DEFAULT_CONCURRENCY = 8;
  /** How long an idle writer thread lives. */
  static final long IDLE_SECONDS = 30;

  private final StateLoader loader;
  private final StateWriter writer;
  private final RequestMeter meter = new RequestMeter();
  private final ExecutorService writers;

  /** A store on {@code table} with the system clock, default backoff and 8 writes in flight. */
  public DynamoDbStateStore(DynamoDbClient dynamoDb, String table) {
    this(dynamoDb, table, Clock.systemUTC(), Backoff.DEFAULT, DEFAULT_CONCURRENCY);
  }

  /** A store on {@code table}; {@code clock} decides expiry, {@code concurrency} bounds writes in flight. */
  public DynamoDbStateStore(DynamoDbClient dynamoDb, String table, Clock clock, Backoff backoff, int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
    }
    this.loader = new StateLoader(dynamoDb, table, clock, backoff, meter);
    this.writer = new StateWriter(dynamoDb, table, clock, backoff, meter);
    AtomicInteger threads = new AtomicInteger();
    // idle writers end after a while, so a store nobody closes (many in one process: the local runner, the fault
    // harness) does not keep its threads
    ThreadPoolExecutor pool = new ThreadPoolExecutor(concurrency, concurrency, IDLE_SECONDS, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), task -> {
          Thread thread = new Thread(task, "runnel-state-writer-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    pool.allowCoreThreadTimeOut(true);
    this.writers = pool;
  }

  @Override
  public Map<StateKey, StoredState> load(Collection<StateKey> keys) {
    return loader.load(keys);
  }

  @Override
  public WriteOutcome write(List<StateWrite> writes) {
    List<List<StateItem>> items = new ArrayList<>(writes.size());
    Set<StateKey> seen = new HashSet<>();
    for (StateWrite write : writes) {
      if (!seen.add(write.key())) {
        throw new IllegalArgumentException("two writes of " + write.key() + " in one call; send one per key");
      }
      items.add(ItemLayout.items(write)); // every size is checked before anything is written
    }
    Set<StateKey> conflicts = ConcurrentHashMap.newKeySet();
    if (writes.size() == 1) {
      if (!writer.write(writes.get(0), items.get(0))) {
        conflicts.add(writes.get(0).key());
      }
    } else {
      List<Future<?>> inFlight = new ArrayList<>(writes.size());
      for (int i = 0; i < writes.size(); i++) {
        StateWrite write = writes.get(i);
        List<StateItem> itemsOfWrite = items.get(i);
        inFlight.add(writers.submit(() -> {
          if (!writer.write(write, itemsOfWrite)) {
            conflicts.add(write.key());
          }
        }));
      }
      awaitAll(inFlight);
    }
    return conflicts.isEmpty() ? WriteOutcome.ALL_WRITTEN : new WriteOutcome(conflicts);
  }

  @Override
  public StateStoreCounters counters() {
    return meter.snapshot();
  }

  /** Stops the writer threads (after the writes in progress). */
  @Override
  public void close() {
    writers.shutdown();
  }

  /** Waits for every write, then throws the first failure, so no write is still in flight when this returns. */
  private static void awaitAll(List<Future<?>> inFlight) {
    RuntimeException failure = null;
    boolean interrupted = false;
    for (Future<?> future : inFlight) {
      while (true) {
        try {
          future.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // keep waiting: the caller must not see writes still running
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause() instanceof RuntimeException runtime ? runtime
                : new IllegalStateException("state write failed", e.getCause());
          }
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw failure;
    }
  }
}
