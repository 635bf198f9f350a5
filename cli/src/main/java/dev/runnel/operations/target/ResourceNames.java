package dev.runnel.operations.target;

import java.util.Map;

/**
 * The physical names of a job's streams and tables, by the names its plan gives them: the same on a local run, and
 * whatever CloudFormation made of each resource on a deployed stack.
 *
 * @param streams the stream names, by plan name
 * @param tables  the table names, by plan name
 */
public record ResourceNames(Map<String, String> streams, Map<String, String> tables) {
  /** Copies the maps. */
  public ResourceNames {
    streams = Map.copyOf(streams);
    tables = Map.copyOf(tables);
  }

  /** Names that are the plan's own (a local run). */
  public static ResourceNames asPlanned() {
    return new ResourceNames(Map.of(), Map.of());
  }

  /** The physical name of the plan's stream {@code planned}. */
  public String stream(String planned) {
    return streams.getOrDefault(planned, planned);
  }

  /** The physical name of the plan's table {@code planned}. */
  public String table(String planned) {
    return tables.getOrDefault(planned, planned);
  }
}
