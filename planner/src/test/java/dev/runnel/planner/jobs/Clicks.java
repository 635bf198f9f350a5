package dev.runnel.planner.jobs;

import dev.runnel.api.AggregateFunction;
import dev.runnel.api.AggregatingState;
import dev.runnel.api.KeyBy;
import dev.runnel.api.ListState;
import dev.runnel.api.MapState;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Reduce;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;
import java.util.List;
import java.util.Optional;

/** A valid stateful job: a keyed source, every state kind, a reduce and a state-only operator. */
@StreamingJob("clicks")
public class Clicks {
  @Source(stream = "clicks-in", shards = 2)
  @KeyBy("user")
  public record Click(String user, String page, long millis) {}

  public record UserCount(String user, long clicks) {}

  /** Average millis, as an accumulator of (sum, count). */
  public record SumCount(long sum, long count) {}

  public static final class AverageMillis implements AggregateFunction<Long, SumCount, Double> {
    @Override
    public SumCount createAccumulator() {
      return new SumCount(0, 0);
    }

    @Override
    public SumCount add(Long value, SumCount accumulator) {
      return new SumCount(accumulator.sum() + value, accumulator.count() + 1);
    }

    @Override
    public Double getResult(SumCount accumulator) {
      return accumulator.count() == 0 ? null : (double) accumulator.sum() / accumulator.count();
    }
  }

  @KeyedProcess(from = "clicks-in")
  @Sink(table = "clicks-per-user", key = "user")
  public UserCount count(Click click, @State(value = "clicks", ttl = "P7D") ValueState<Long> clicks,
      @State("pages") MapState<String, Long> pages, @State("recent") ListState<Click> recent,
      @State(value = "avg", aggregate = AverageMillis.class) AggregatingState<Long, Double> avg) {
    long n = clicks.valueOr(0L) + 1;
    clicks.update(n);
    return new UserCount(click.user(), n);
  }

  @KeyedProcess(from = "clicks-in")
  @Sink(console = true)
  public Optional<Click> firstVisit(Click click, @State("seen") ValueState<Boolean> seen) {
    return Optional.empty();
  }

  @KeyedProcess(from = "clicks-in")
  public void remember(Click click, @State("last") ValueState<Click> last) {
    last.update(click);
  }

  @Reduce(from = "count", ttl = "PT1H")
  @Sink(name = "max", console = true)
  public UserCount most(UserCount accumulated, UserCount next) {
    return next.clicks() > accumulated.clicks() ? next : accumulated;
  }

  @KeyedProcess(from = "count")
  @Sink(name = "all", console = true)
  public List<UserCount> all(UserCount count) {
    return List.of(count);
  }
}
