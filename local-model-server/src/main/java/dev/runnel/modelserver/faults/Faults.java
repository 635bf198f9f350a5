package dev.runnel.modelserver.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A fault plan: rules applied to every request in order, an outage switch, and the seed for random choices.
 * Immutable; hand a new plan to {@code LocalModelServer.faults(...)} to change faults at runtime (counters restart).
 *
 * @param seed   the seed for {@link Trigger#fraction} and latency ranges
 * @param rules  the rules, in order
 * @param outage whether the whole server is down
 */
public record Faults(long seed, List<FaultRule> rules, Outage outage) {
  /** No faults at all. */
  public static final Faults NONE = new Faults(0, List.of(), Outage.NONE);

  public Faults {
    rules = List.copyOf(rules);
    Objects.requireNonNull(outage, "outage");
  }

  /** A plan of just these rules, seed 0. */
  public static Faults of(FaultRule... rules) {
    return new Faults(0, List.of(rules), Outage.NONE);
  }

  /** A plan where the server is down in the given way. */
  public static Faults down(Outage outage) {
    return new Faults(0, List.of(), outage);
  }

  /** A builder for a plan. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Faults} plan. */
  public static final class Builder {
    private long seed;
    private final List<FaultRule> rules = new ArrayList<>();
    private Outage outage = Outage.NONE;

    private Builder() {
    }

    /** Sets the seed for random choices. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Adds a rule after the ones added so far. */
    public Builder rule(FaultRule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Adds a rule for the model-calling endpoints. */
    public Builder rule(Trigger trigger, FaultAction action) {
      return rule(FaultRule.of(trigger, action));
    }

    /** Adds latency, drawn from {@code min..max}, to every model call. */
    public Builder latency(Duration min, Duration max) {
      return rule(Trigger.always(), FaultAction.latency(min, max));
    }

    /** Sets whether the whole server is down. */
    public Builder outage(Outage outage) {
      this.outage = Objects.requireNonNull(outage, "outage");
      return this;
    }

    /** The plan. */
    public Faults build() {
      return new Faults(seed, rules, outage);
    }
  }
}
