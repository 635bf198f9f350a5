package dev.runnel.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@link FigureSource} at a fixed interval on one thread, adds each stage's rate since the previous read, keeps
 * the latest figures and hands each read to every subscriber (one queue per open event stream).
 */
final class FigureFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FigureFeed.class);
  private static final int QUEUED_PER_SUBSCRIBER = 4;

  private final FigureSource source;
  private final List<BlockingQueue<JobFigures>> subscribers = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService reader;
  private volatile JobFigures latest;

  FigureFeed(FigureSource source, Duration every) {
    this.source = source;
    this.latest = JobFigures.starting(source.plan().job(), System.currentTimeMillis());
    this.reader = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "dashboard-figures-" + source.plan().job());
      thread.setDaemon(true);
      return thread;
    });
    reader.scheduleWithFixedDelay(this::readSafely, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The figures of the last read. */
  JobFigures latest() {
    return latest;
  }

  /** A queue that receives every read from now on; give it back with {@link #unsubscribe}. */
  BlockingQueue<JobFigures> subscribe() {
    BlockingQueue<JobFigures> queue = new LinkedBlockingQueue<>(QUEUED_PER_SUBSCRIBER);
    subscribers.add(queue);
    return queue;
  }

  /** Stops handing reads to {@code queue}. */
  void unsubscribe(BlockingQueue<JobFigures> queue) {
    subscribers.remove(queue);
  }

  /** Reads once more now, on the caller's thread (after a run finished, so that subscribers see its end). */
  void readNow() {
    readSafely();
  }

  private synchronized void readSafely() {
    JobFigures read;
    try {
      read = source.read();
    } catch (RuntimeException e) {
      LOG.warn("reading the figures of job {} failed, will retry: {}", source.plan().job(), e.toString());
      return;
    }
    latest = withRates(latest, read);
    for (BlockingQueue<JobFigures> queue : subscribers) {
      if (!queue.offer(latest)) {
        queue.poll(); // a slow page skips a read rather than holding the feed
        queue.offer(latest);
      }
    }
  }

  /** {@code now} with each stage's records in per second since {@code before}; 0 when no time passed. */
  static JobFigures withRates(JobFigures before, JobFigures now) {
    double seconds = (now.atMillis() - before.atMillis()) / 1000.0;
    List<StageFigures> stages = new ArrayList<>();
    for (StageFigures stage : now.stages()) {
      StageFigures previous = before.stages().stream().filter(s -> s.stage().equals(stage.stage())).findFirst()
          .orElse(null);
      if (previous == null || seconds <= 0) {
        stages.add(stage);
      } else {
        stages.add(stage.withRate(Math.max(0, stage.recordsIn() - previous.recordsIn()) / seconds));
      }
    }
    return now.withStages(stages);
  }

  @Override
  public void close() {
    reader.shutdownNow();
  }
}
