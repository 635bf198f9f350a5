package dev.runnel.planner.jobs;

import dev.runnel.api.Aggregate;
import dev.runnel.api.AggregateFunction;
import dev.runnel.api.EventTime;
import dev.runnel.api.KeyBy;
import dev.runnel.api.MapEach;
import dev.runnel.api.OnTimer;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Timer;
import dev.runnel.api.Timers;
import dev.runnel.api.ValueState;
import dev.runnel.api.Window;
import dev.runnel.api.Windowed;
import java.util.List;
import java.util.Optional;

/**
 * A valid job with event time: every window kind and aggregate, a user aggregate function, a full window, a late node
 * routed to a sink, timers, and a second keyed stage fed by a window.
 */
@StreamingJob(value = "sensors", tick = "PT5M")
public class Sensors {
  @Source(stream = "readings", shards = 2)
  @EventTime(field = "at", maxOutOfOrderness = "PT5S", idleAfter = "PT1M")
  @KeyBy("sensor")
  public record Reading(String sensor, String site, long at, double celsius, int battery) {}

  public record Count(String sensor, long start, long readings) {}

  public record Stat(String sensor, long start, double value) {}

  public record Batch(String sensor, long start, int size) {}

  public record Alarm(String sensor, long silentSince) {}

  public record SiteReading(String site, String sensor, long start, double celsius) {}

  /** The accumulator of a mean. */
  public record SumCount(double sum, long count) {}

  /** A mean of one field, generic in the record type: the planner must see through the subclass. */
  public abstract static class FieldMean<T> implements AggregateFunction<T, SumCount, Double> {
    protected abstract double field(T record);

    @Override
    public SumCount createAccumulator() {
      return new SumCount(0, 0);
    }

    @Override
    public SumCount add(T value, SumCount accumulator) {
      return new SumCount(accumulator.sum() + field(value), accumulator.count() + 1);
    }

    @Override
    public Double getResult(SumCount accumulator) {
      return accumulator.count() == 0 ? 0 : accumulator.sum() / accumulator.count();
    }

    @Override
    public SumCount merge(SumCount left, SumCount right) {
      return new SumCount(left.sum() + right.sum(), left.count() + right.count());
    }
  }

  public static final class MeanCelsius extends FieldMean<Reading> {
    @Override
    protected double field(Reading record) {
      return record.celsius();
    }
  }

  @Window(from = "readings", size = "PT1M", lateness = "PT10S", late = "lateReadings")
  @Aggregate(kind = Aggregate.Kind.COUNT)
  @Sink(console = true, name = "counts")
  public Count perMinute(Windowed<Long> window) {
    return new Count(window.key(), window.start(), window.value());
  }

  @MapEach(from = "lateReadings")
  @Sink(table = "sensors-late", key = "sensor")
  public Reading lateCopy(Reading reading) {
    return reading;
  }

  @Window(from = "readings", size = "PT1M", slide = "PT10S")
  @Aggregate(kind = Aggregate.Kind.SUM, field = "celsius")
  @Sink(console = true, name = "sums")
  public Stat slidingSum(Windowed<Double> window) {
    return new Stat(window.key(), window.start(), window.value());
  }

  @Window(from = "readings", size = "PT1H")
  @Aggregate(kind = Aggregate.Kind.MIN, field = "battery")
  @Sink(console = true, name = "lowest")
  public Stat lowestBattery(Windowed<Double> window) {
    return new Stat(window.key(), window.start(), window.value());
  }

  @Window(from = "readings", size = "PT1H")
  @Aggregate(kind = Aggregate.Kind.MAX, field = "celsius")
  @Sink(console = true, name = "hottest")
  public Stat hottest(Windowed<Double> window) {
    return new Stat(window.key(), window.start(), window.value());
  }

  @Window(from = "readings", size = "PT1M")
  @Aggregate(kind = Aggregate.Kind.AVERAGE, field = "celsius")
  @KeyBy("site")
  public SiteReading siteAverage(Windowed<Double> window) {
    return new SiteReading("site", window.key(), window.start(), window.value());
  }

  @Window(from = "siteAverage", size = "PT5M")
  @Aggregate(kind = Aggregate.Kind.MAX, field = "celsius")
  @Sink(console = true, name = "sites")
  public Stat siteMax(Windowed<Double> window) {
    return new Stat(window.key(), window.start(), window.value());
  }

  @Window(from = "readings", gap = "PT30M")
  @Aggregate(function = MeanCelsius.class)
  @Sink(console = true, name = "sessions")
  public Optional<Stat> sessionMean(Windowed<Double> window) {
    return Optional.of(new Stat(window.key(), window.start(), window.value()));
  }

  @Window(from = "readings", size = "PT1H")
  @Sink(console = true, name = "batches")
  public List<Batch> hourly(Windowed<List<Reading>> window) {
    return List.of(new Batch(window.key(), window.start(), window.value().size()));
  }

  @KeyedProcess(from = "readings")
  @Sink(console = true, name = "alarms")
  public Optional<Alarm> silence(Reading reading, @State("last") ValueState<Long> last, Timers timers) {
    last.update(reading.at());
    timers.registerEventTimeTimer(reading.at() + 600_000);
    return Optional.empty();
  }

  @OnTimer("silence")
  public Optional<Alarm> onSilence(Timer timer, @State("last") ValueState<Long> last) {
    return Optional.of(new Alarm(timer.key(), last.valueOr(0L)));
  }
}
