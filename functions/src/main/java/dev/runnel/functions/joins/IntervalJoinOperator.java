package dev.runnel.functions.joins;

import dev.runnel.api.Timer;
import dev.runnel.functions.operators.Operator;
import dev.runnel.functions.operators.ProcessOperator.ReturnShape;
import dev.runnel.functions.state.StageStates.ValueStateAccess;
import dev.runnel.functions.time.SaturatingTime;
import dev.runnel.functions.time.StageClock;
import dev.runnel.functions.timers.TimersHandle;
import dev.runnel.functions.windows.LateRecordException;
import dev.runnel.plan.JoinSide;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

/**
 * An interval join for the current key (docs/joins.md): a left record at {@code t} pairs with every buffered right
 * record in {@code [t + lower, t + upper]}, a right record at {@code t} with every buffered left one in
 * {@code [t - upper, t - lower]}, each pair emitted at once (buffer order: arrival order). The record is then buffered
 * while a partner can still arrive, that is until the watermark reaches {@code t + upper} (left) or {@code t - lower}
 * (right), when an event-time timer drops it. A record at or below the judging watermark is late (a dead letter).
 * The buffers and timers are the key's state, so they change with the stage's commit and a replay pairs alike.
 */
public final class IntervalJoinOperator implements Operator {
  private static final MethodHandle EXPIRE;

  static {
    try {
      EXPIRE = MethodHandles.lookup().findVirtual(IntervalJoinOperator.class, "expire",
          MethodType.methodType(Object.class, Object[].class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String name;
  private final MethodHandle method;
  private final ReturnShape shape;
  private final long lower;
  private final long upper;
  private final ValueStateAccess buffers;
  private final TimersHandle timers;
  private final StageClock clock;

  /**
   * A join calling {@code method}, the bound join method typed {@code (Object, Object)Object}, whose result has
   * {@code shape}; {@code buffers} and {@code timers} are the current key's.
   */
  public IntervalJoinOperator(String name, MethodHandle method, ReturnShape shape, long lower, long upper,
      ValueStateAccess buffers, TimersHandle timers, StageClock clock) {
    this.name = name;
    this.method = method;
    this.shape = shape;
    this.lower = lower;
    this.upper = upper;
    this.buffers = buffers;
    this.timers = timers;
    this.clock = clock;
  }

  @Override
  public String name() {
    return name;
  }

  /** The timers this join registers, of the current key. */
  public TimersHandle timers() {
    return timers;
  }

  /** {@link #expire} as an {@code @OnTimer}-style handle typed {@code (Object[])Object}: the timer first. */
  public MethodHandle asTimerMethod() {
    return EXPIRE.bindTo(this);
  }

  @Override
  public void apply(Object record, List<Object> out) throws Throwable {
    JoinRecord<?, ?> joined = (JoinRecord<?, ?>) record;
    long t = clock.recordTime();
    if (t == StageClock.NONE) {
      throw new IllegalArgumentException("the record has no event time; an interval join needs @EventTime on the"
          + " sources of both inputs");
    }
    long judging = clock.judgingWatermark();
    if (judging != StageClock.NONE && t <= judging) {
      throw new LateRecordException("event time " + t + " of a " + joined.side().tag() + " record is at or below"
          + " the watermark " + judging + ": every record it could pair with may have been dropped");
    }
    boolean left = joined.side() == JoinSide.LEFT;
    List<BufferedRecord<?, ?>> kept = stored();
    for (BufferedRecord<?, ?> other : kept) {
      if (other.record().side() == joined.side()) {
        continue;
      }
      long leftTime = left ? t : other.t();
      long rightTime = left ? other.t() : t;
      if (rightTime >= SaturatingTime.plus(leftTime, lower) && rightTime <= SaturatingTime.plus(leftTime, upper)) {
        Object l = left ? joined.record() : other.record().record();
        Object r = left ? other.record().record() : joined.record();
        shape.collect((Object) method.invokeExact(l, r), "interval join " + name, out);
      }
    }
    long expires = expiry(joined.side(), t);
    if (expires > clock.watermark() || clock.watermark() == StageClock.NONE) {
      List<BufferedRecord<?, ?>> next = new ArrayList<>(kept);
      next.add(new BufferedRecord<>(t, (JoinRecord) joined));
      buffers.set(next);
      timers.registerEventTimeTimer(expires);
    }
  }

  /**
   * Drops the current key's records whose last partner time the timer's time has reached; emits nothing. Takes
   * {@code [Timer]}, as a bound {@code @OnTimer} method does.
   */
  public Object expire(Object[] arguments) {
    long time = ((Timer) arguments[0]).time();
    List<BufferedRecord<?, ?>> kept = new ArrayList<>(stored());
    kept.removeIf(b -> expiry(b.record().side(), b.t()) <= time);
    buffers.set(kept.isEmpty() ? null : kept);
    return List.of();
  }

  /** The time from which no partner of a record of {@code side} at {@code t} can arrive on time. */
  private long expiry(JoinSide side, long t) {
    return side == JoinSide.LEFT ? SaturatingTime.plus(t, upper) : SaturatingTime.plus(t, -lower);
  }

  @SuppressWarnings("unchecked")
  private List<BufferedRecord<?, ?>> stored() {
    Object value = buffers.get();
    return value == null ? List.of() : (List<BufferedRecord<?, ?>>) value;
  }
}
