package dev.runnel.functions.commit;

import dev.runnel.functions.batch.ProcessedBatch;
import dev.runnel.functions.batch.ProcessedRecord;
import dev.runnel.functions.deadletter.DeadLetterItems;
import dev.runnel.functions.dynamodb.ItemBatchWriter;
import dev.runnel.functions.dynamodb.PositionedItemWriter;
import dev.runnel.functions.deadletter.ErrorType;
import dev.runnel.functions.deadletter.StepFailure;
import dev.runnel.functions.kafka.KafkaRecordWriter;
import dev.runnel.functions.kafka.TopicWrite;
import dev.runnel.functions.kinesis.StreamWriter;
import dev.runnel.functions.output.TopicRecord;
import dev.runnel.functions.output.ConsoleLine;
import dev.runnel.functions.output.Emission;
import dev.runnel.functions.output.StreamRecord;
import dev.runnel.functions.output.TableItem;
import dev.runnel.functions.output.WriteResult;
import dev.runnel.functions.output.WriteStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import dev.runnel.functions.broadcast.BroadcastCopies;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes every emission (streams, then topics, then tables, then the console), then the dead letters, without any
 * fencing: a retried batch writes its outputs again. Records whose writes failed after all retries are reported so
 * Lambda resumes from the first of them. A record a topic refused for its own sake (too large, invalid) goes to the
 * dead letters, saying which output and topic-partition refused it; its other outputs stay written.
 */
public final class AtLeastOnceCommit implements BatchCommit {
  private final StreamWriter streams;
  private final KafkaRecordWriter topics;
  private final ItemBatchWriter tables;
  private final PositionedItemWriter positionedTables;
  private final Map<String, List<String>> tableKeys;
  private final Consumer<ConsoleLine> console;
  private final DeadLetterItems deadLetters;
  private final String deadLetterTable;
  private final Consumer<Map<String, Long>> written;
  private final BroadcastCopies broadcastCopies;

  /**
   * A commit writing through the given writers.
   *
   * @param streams         writes stream records
   * @param topics          sends topic records
   * @param tables          writes table items and dead letters
   * @param positionedTables writes table items that carry their record's position, conditionally
   * @param tableKeys       the key attributes of every sink table, by table name
   * @param console         prints console lines
   * @param deadLetters     builds dead-letter items
   * @param deadLetterTable the dead-letter table's name
   * @param written         told, after each commit, how many records it wrote to each output, by output name: what
   *                        was written counts even when the invocation fails later
   */
  public AtLeastOnceCommit(StreamWriter streams, KafkaRecordWriter topics, ItemBatchWriter tables,
      PositionedItemWriter positionedTables,
      Map<String, List<String>> tableKeys,
      Consumer<ConsoleLine> console, DeadLetterItems deadLetters, String deadLetterTable,
      Consumer<Map<String, Long>> written) {
    this(streams, topics, tables, positionedTables, tableKeys, console, deadLetters, deadLetterTable, written, null);
  }

  /**
   * As above, for a stage with broadcast outputs: {@code broadcastCopies} routes a copy of each of their records to
   * every open shard of its stream (null: the stage has none).
   */
  public AtLeastOnceCommit(StreamWriter streams, KafkaRecordWriter topics, ItemBatchWriter tables,
      PositionedItemWriter positionedTables, Map<String, List<String>> tableKeys,
      Consumer<ConsoleLine> console, DeadLetterItems deadLetters, String deadLetterTable,
      Consumer<Map<String, Long>> written, BroadcastCopies broadcastCopies) {
    this.broadcastCopies = broadcastCopies;
    this.streams = streams;
    this.topics = topics;
    this.tables = tables;
    this.positionedTables = positionedTables;
    this.tableKeys = Map.copyOf(tableKeys);
    this.console = console;
    this.deadLetters = deadLetters;
    this.deadLetterTable = deadLetterTable;
    this.written = written;
  }

  @Override
  public CommitResult commit(ProcessedBatch batch) {
    List<ProcessedRecord> records = batch.records();
    Map<String, Owned<StreamRecord>> byStream = new LinkedHashMap<>();
    Map<String, Owned<TopicRecord>> byTopic = new LinkedHashMap<>();
    Map<String, Owned<Map<String, AttributeValue>>> byTable = new LinkedHashMap<>();
    Map<String, Owned<TableItem>> positioned = new LinkedHashMap<>();
    Owned<Map<String, AttributeValue>> failedRecords = new Owned<>();
    String lastStream = null;
    Owned<StreamRecord> lastOwned = null;
    for (int i = 0; i < records.size(); i++) {
      ProcessedRecord record = records.get(i);
      if (record.isFailed()) {
        failedRecords.add(i, deadLetters.item(record));
      }
      for (Emission emission : record.emissions()) {
        if (emission instanceof StreamRecord r) {
          if (!r.stream().equals(lastStream)) { // one map lookup per run of records to one stream
            lastStream = r.stream();
            lastOwned = byStream.computeIfAbsent(lastStream, s -> new Owned<>());
          }
          if (r.toEveryShard() && broadcastCopies == null) {
            throw new IllegalStateException("output " + r.output() + " broadcasts to " + r.stream()
                + ", but the commit knows no shards to copy it to");
          }
          lastOwned.add(i, r);
        } else if (emission instanceof TopicRecord r) {
          byTopic.computeIfAbsent(r.topic(), s -> new Owned<>()).add(i, r);
        } else if (emission instanceof TableItem t) {
          if (t.position() != null) {
            positioned.computeIfAbsent(t.table(), s -> new Owned<>()).add(i, t);
          } else {
            byTable.computeIfAbsent(t.table(), s -> new Owned<>()).add(i, t.item());
          }
        }
      }
    }

    WriteStats stats = WriteStats.NONE;
    int firstFailed = Integer.MAX_VALUE;
    for (Map.Entry<String, Owned<StreamRecord>> stream : byStream.entrySet()) {
      Owned<StreamRecord> owned = stream.getValue();
      if (owned.values.stream().anyMatch(StreamRecord::toEveryShard)) {
        Written written = putInOrder(stream.getKey(), owned);
        stats = stats.plus(written.stats());
        firstFailed = Math.min(firstFailed, written.firstFailedOwner());
        continue;
      }
      WriteResult result = streams.put(stream.getKey(), owned.values);
      stats = stats.plus(result.stats());
      firstFailed = Math.min(firstFailed, owned.firstOwner(result));
    }
    Map<Integer, String> refused = new TreeMap<>();
    for (Map.Entry<String, Owned<TopicRecord>> topic : byTopic.entrySet()) {
      Owned<TopicRecord> owned = topic.getValue();
      TopicWrite result = topics.send(topic.getKey(), owned.values);
      firstFailed = Math.min(firstFailed, owned.firstOwner(result.failed()));
      result.rejected().forEach((index, reason) -> refused.merge(owned.owners[index],
          "output '" + owned.values.get(index).output() + "': " + reason, (a, b) -> a + "; " + b));
    }
    refused.forEach((owner, reason) -> failedRecords.add(owner, deadLetters.item(ProcessedRecord.failed(
        records.get(owner).input(), deadLetters.context().describe(records.get(owner).input(),
            new StepFailure(ErrorType.WRITE, null, reason + " (its other outputs were written; retrying cannot help)",
                null))))));
    for (Map.Entry<String, Owned<Map<String, AttributeValue>>> table : byTable.entrySet()) {
      List<String> keys = tableKeys.get(table.getKey());
      if (keys == null) {
        throw new IllegalStateException("no key attributes known for table " + table.getKey());
      }
      WriteResult result = tables.put(table.getKey(), keys, table.getValue().values);
      stats = stats.plus(result.stats());
      firstFailed = Math.min(firstFailed, table.getValue().firstOwner(result));
    }
    for (Map.Entry<String, Owned<TableItem>> table : positioned.entrySet()) {
      List<TableItem> items = table.getValue().values;
      WriteResult result = positionedTables.put(table.getKey(), items.stream().map(TableItem::item).toList(),
          items.stream().map(TableItem::position).toList());
      stats = stats.plus(result.stats());
      firstFailed = Math.min(firstFailed, table.getValue().firstOwner(result));
    }
    for (ProcessedRecord record : records) {
      for (Emission emission : record.emissions()) {
        if (emission instanceof ConsoleLine line) {
          console.accept(line);
        }
      }
    }
    if (!failedRecords.values.isEmpty()) {
      WriteResult result = tables.put(deadLetterTable, deadLetters.keyAttributes(), failedRecords.values);
      stats = stats.plus(result.stats());
      firstFailed = Math.min(firstFailed, failedRecords.firstOwner(result));
    }
    written.accept(batch.emittedPerOutput());
    return firstFailed == Integer.MAX_VALUE ? CommitResult.complete(stats)
        : new CommitResult(records.get(firstFailed).input().sequenceNumber(), stats);
  }

  /**
   * Writes the records of a stream carrying broadcast records in their order, each broadcast record as a copy to
   * every open shard (docs/broadcast.md): the records before it are put first, then its copies; when a copy lands in
   * a shard the listing does not know (resharded since), copies go to the new shards before anything after it, so
   * that no shard receives a record that follows a broadcast record before that record's copy. A put that stays
   * incomplete stops the stream there: what follows is written again by the retry, after the broadcast record.
   */
  private Written putInOrder(String stream, Owned<StreamRecord> owned) {
    WriteStats stats = WriteStats.NONE;
    Owned<StreamRecord> segment = new Owned<>();
    for (int j = 0; j <= owned.values.size(); j++) {
      StreamRecord record = j < owned.values.size() ? owned.values.get(j) : null;
      if (record != null && !record.toEveryShard()) {
        segment.add(owned.owners[j], record);
        continue;
      }
      if (!segment.values.isEmpty()) {
        WriteResult result = streams.put(stream, segment.values);
        stats = stats.plus(result.stats());
        if (!result.complete()) {
          return new Written(stats, segment.firstOwner(result));
        }
        segment = new Owned<>();
      }
      if (record == null) {
        break;
      }
      List<String> sent = new ArrayList<>();
      List<String> starts = broadcastCopies.starts(stream);
      Set<String> landedIn = new HashSet<>();
      for (int round = 1; !starts.isEmpty(); round++) {
        if (round > BroadcastCopies.MAX_ROUNDS) {
          return new Written(stats, owned.owners[j]); // resharded again and again: the retry starts over
        }
        WriteResult result = streams.put(stream, BroadcastCopies.copies(record, starts), landedIn::add);
        stats = stats.plus(result.stats());
        if (!result.complete()) {
          return new Written(stats, owned.owners[j]);
        }
        sent.addAll(starts);
        starts = broadcastCopies.missed(stream, sent, landedIn);
      }
    }
    return new Written(stats, Integer.MAX_VALUE);
  }

  /** What {@link #putInOrder} wrote, and the first input record whose output it did not write (or MAX_VALUE). */
  private record Written(WriteStats stats, int firstFailedOwner) {}

  /** Values to write, each with the index of the input record that produced it. */
  private static final class Owned<T> {
    private final List<T> values = new ArrayList<>();
    private int[] owners = new int[16];

    void add(int owner, T value) {
      if (values.size() == owners.length) {
        owners = Arrays.copyOf(owners, owners.length * 2);
      }
      owners[values.size()] = owner;
      values.add(value);
    }

    int firstOwner(WriteResult result) {
      return firstOwner(result.failed());
    }

    int firstOwner(java.util.Set<Integer> failed) {
      return failed.stream().mapToInt(i -> owners[i]).min().orElse(Integer.MAX_VALUE);
    }
  }
}
