package dev.runnel.functions.kinesis;

import dev.runnel.functions.output.StreamRecord;
import dev.runnel.functions.output.WriteResult;
import java.util.List;

/** Puts a batch's records on a Kinesis stream, every one acknowledged or reported failed. */
public interface StreamWriter {
  /** Puts all {@code records} on {@code stream}; the result names the indexes still unwritten after all attempts. */
  WriteResult put(String stream, List<StreamRecord> records);

  /**
   * Puts {@code records} on {@code stream} one per Kinesis record (never aggregated: broadcast copies route by
   * explicit hash key, one per shard), telling {@code landedIn} the shard id each written entry landed in.
   */
  WriteResult put(String stream, List<StreamRecord> records, java.util.function.Consumer<String> landedIn);
}
