package dev.runnel.infra.stack;

import dev.runnel.plan.TableRole;
import dev.runnel.plan.TableSpec;

/**
 * The TTL attribute the runtime writes to a table's items, or null where it writes none: the plan's where it names one
 * (the dead letters' {@code expiresAt}), else the one of the table's role.
 */
final class TableTtl {
  /** Keyed state: {@code ItemLayout.EXPIRES} in state-store (a state's {@code ttlSeconds}). */
  static final String STATE = "ttl";
  /** Model answers and their claims: {@code ResultItem.EXPIRES_AT} in inference. */
  static final String INFERENCE_RESULTS = "expiresAt";
  /** Id segments of sources with {@code @Source(idField)}: {@code DynamoDbIdSegmentStore.TTL} in checkpointing. */
  static final String CHECKPOINT = "ttl";

  private TableTtl() {}

  static String of(TableSpec table) {
    return table.ttlAttribute() != null ? table.ttlAttribute() : of(table.role());
  }

  static String of(TableRole role) {
    return switch (role) {
      case STATE -> STATE;
      case INFERENCE_RESULTS -> INFERENCE_RESULTS;
      case CHECKPOINT -> CHECKPOINT;
      default -> null;
    };
  }
}
