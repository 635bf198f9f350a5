package dev.runnel.modelserver.faults;

import dev.runnel.modelserver.Endpoint;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One fault: on which endpoints, when, and what happens.
 *
 * @param endpoints the endpoints it applies to
 * @param trigger   when it fires
 * @param action    what it does
 */
public record FaultRule(Set<Endpoint> endpoints, Trigger trigger, FaultAction action) {
  public FaultRule {
    endpoints = Set.copyOf(endpoints);
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("a fault rule needs at least one endpoint");
    }
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(action, "action");
  }

  /** A rule for the model-calling endpoints (chat, embeddings, converse). */
  public static FaultRule of(Trigger trigger, FaultAction action) {
    return new FaultRule(EnumSet.of(Endpoint.CHAT, Endpoint.EMBEDDINGS, Endpoint.CONVERSE), trigger, action);
  }

  /** This rule, restricted to the given endpoints. */
  public FaultRule on(Endpoint... only) {
    return new FaultRule(EnumSet.copyOf(Arrays.asList(only)), trigger, action);
  }

  /** Whether it applies to requests of {@code endpoint}. */
  public boolean appliesTo(Endpoint endpoint) {
    return endpoints.contains(endpoint);
  }
}
