package dev.runnel.functions.exactlyonce;

import dev.runnel.checkpointing.checkpoint.StateLogRefs;
import dev.runnel.functions.state.KeyStateCodec;
import dev.runnel.statestore.statelog.LogItems;
import dev.runnel.statestore.statelog.StateLogStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and decodes the state log items a checkpoint names (docs/state-log.md): the one path from stored parts to
 * a shard's committed state, shared by the stage ({@link ShardStateLog}) and by readers of committed state
 * ({@link ShardStateReader}).
 */
final class ShardStateLoader {
  private final String stage;
  private final StateLogStore store;
  private final ShardStateCodec codec;

  ShardStateLoader(String stage, StateLogStore store, KeyStateCodec keyCodec) {
    this.stage = stage;
    this.store = store;
    this.codec = new ShardStateCodec(keyCodec);
  }

  /** The state of {@code shard} that {@code refs} name: the snapshot with the entries applied in order. */
  ShardState load(String shard, StateLogRefs refs) {
    List<LogItems> named = new ArrayList<>();
    if (refs.snapshot() != null) {
      named.add(items(LogItems.Kind.SNAPSHOT, refs.snapshot()));
    }
    refs.log().forEach(entry -> named.add(items(LogItems.Kind.ENTRY, entry)));
    ShardState state = new ShardState();
    decode(shard, named).forEach(state::apply);
    return state;
  }

  /** The changes each of {@code named} holds, in the order given (read in one request). */
  List<ShardChanges> decode(String shard, List<LogItems> named) {
    if (named.isEmpty()) {
      return List.of();
    }
    List<byte[]> parts = store.read(stage, shard, named);
    List<ShardChanges> changes = new ArrayList<>(named.size());
    int at = 0;
    for (LogItems items : named) {
      changes.add(codec.decode(ShardStateCodec.join(parts.subList(at, at + items.parts())), describe(shard, items)));
      at += items.parts();
    }
    return changes;
  }

  /** The items {@code logged} names, of {@code kind}. */
  static LogItems items(LogItems.Kind kind, StateLogRefs.Logged logged) {
    return new LogItems(kind, logged.revision(), logged.attempt(), logged.parts());
  }

  private String describe(String shard, LogItems items) {
    return items.kind().name().toLowerCase(Locale.ROOT) + " " + items.revision() + "/" + items.attempt()
        + " of stage " + stage + " on " + shard;
  }
}
