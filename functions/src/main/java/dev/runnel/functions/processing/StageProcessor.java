package dev.runnel.functions.processing;

import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.broadcast.BroadcastKeys;
import dev.runnel.functions.broadcast.BroadcastRecord;
import dev.runnel.functions.batch.ProcessedBatch;
import dev.runnel.functions.batch.ProcessedRecord;
import dev.runnel.functions.codec.RecordDecoder;
import dev.runnel.functions.deadletter.ErrorType;
import dev.runnel.functions.deadletter.FailureContext;
import dev.runnel.functions.deadletter.StepFailure;
import dev.runnel.functions.operators.OperatorChain;
import dev.runnel.functions.output.Emission;
import dev.runnel.functions.output.KeyField;
import dev.runnel.functions.output.OutputEncoder;
import dev.runnel.functions.output.StreamRecord;
import dev.runnel.functions.output.TopicRecord;
import dev.runnel.functions.output.TableItem;
import dev.runnel.functions.state.KeyState;
import dev.runnel.functions.state.RecordPosition;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.functions.deadletter.RecordFailure;
import dev.runnel.functions.time.EventTimeField;
import dev.runnel.functions.time.StageClock;
import dev.runnel.functions.inference.BatchAnswers;
import dev.runnel.functions.inference.InferencePhase;
import dev.runnel.functions.inference.InputIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Processes a batch without side effects: decodes each record, runs the fused operators and encodes every output
 * record. Per input record it is all or nothing: any failure discards that record's emissions and marks it for the
 * dead letters; the other records are unaffected.
 */
public final class StageProcessor {
  private final RecordDecoder decoder;
  private final OperatorChain chain;
  private final List<OutputEncoder> outputs;
  private final FailureContext context;
  private final KeyField inputKey;
  private final EventTimeField eventTime;
  private final StageClock clock;
  private final InferencePhase inference;
  private final BatchAnswers answers;
  private final BroadcastKeys broadcastKeys;

  /** A processor for an unkeyed stage; every output must read a node of {@code chain}. */
  public StageProcessor(RecordDecoder decoder, OperatorChain chain, List<OutputEncoder> outputs,
      FailureContext context) {
    this(decoder, chain, outputs, context, null);
  }

  /** A processor for one stage; {@code inputKey} reads the key of a keyed stage's input records, or is null. */
  public StageProcessor(RecordDecoder decoder, OperatorChain chain, List<OutputEncoder> outputs,
      FailureContext context, KeyField inputKey) {
    this(decoder, chain, outputs, context, inputKey, null, new StageClock());
  }

  /**
   * A processor for one stage with event time: {@code eventTime} reads a source record's event time (null: records
   * carry it in their identity, or have none), and {@code clock} is what the operators see.
   */
  public StageProcessor(RecordDecoder decoder, OperatorChain chain, List<OutputEncoder> outputs,
      FailureContext context, KeyField inputKey, EventTimeField eventTime, StageClock clock) {
    this(decoder, chain, outputs, context, inputKey, eventTime, clock, null, null);
  }

  /**
   * As above, for a stage with inference operators: {@code inference} obtains a batch's model answers before its
   * records run, and {@code answers} tells the operators which record they run for.
   */
  public StageProcessor(RecordDecoder decoder, OperatorChain chain, List<OutputEncoder> outputs,
      FailureContext context, KeyField inputKey, EventTimeField eventTime, StageClock clock, InferencePhase inference,
      BatchAnswers answers) {
    this(decoder, chain, outputs, context, inputKey, eventTime, clock, inference, answers, null);
  }

  /**
   * As above, for a stage with a broadcast input too: {@code broadcastKeys} names the key a shard's broadcast records
   * are applied to, and which every record of a batch reads as the broadcast state (null: none).
   */
  public StageProcessor(RecordDecoder decoder, OperatorChain chain, List<OutputEncoder> outputs,
      FailureContext context, KeyField inputKey, EventTimeField eventTime, StageClock clock, InferencePhase inference,
      BatchAnswers answers, BroadcastKeys broadcastKeys) {
    for (OutputEncoder output : outputs) {
      if (!chain.hasNode(output.from())) {
        throw new IllegalStateException("output " + output.name() + " reads node " + output.from()
            + ", which is not part of stage " + context.stage());
      }
    }
    this.decoder = decoder;
    this.chain = chain;
    this.outputs = List.copyOf(outputs);
    this.context = context;
    this.inputKey = inputKey;
    this.eventTime = eventTime;
    this.clock = clock;
    this.inference = inference;
    this.answers = answers;
    this.broadcastKeys = broadcastKeys;
  }

  /** The reserved key of each shard's broadcast state, or null when the stage has no broadcast input. */
  public BroadcastKeys broadcastKeys() {
    return broadcastKeys;
  }

  /** The clock the stage's operators see. */
  public StageClock clock() {
    return clock;
  }

  /** The outcome of every record of the batch, in input order, with no state and no identities. */
  public ProcessedBatch process(List<InputRecord> batch) {
    return run(decode(batch), BatchContext.NONE);
  }

  /** Decodes (and, in a keyed stage, keys) every record; failures are kept for the dead letters. */
  public List<DecodedRecord> decode(List<InputRecord> batch) {
    List<DecodedRecord> decoded = new ArrayList<>(batch.size());
    for (InputRecord input : batch) {
      try {
        Object value = decode(input);
        String key = value instanceof BroadcastRecord && broadcastKeys != null ? broadcastKeys.of(input.shardId())
            : keyOf(value);
        decoded.add(new DecodedRecord(input, value, key, null, eventTimeOf(input, value)));
      } catch (StepFailure failure) {
        decoded.add(new DecodedRecord(input, null, null, failure));
      }
    }
    return decoded;
  }

  /**
   * Runs the operators over decoded records. In a keyed context, a record already applied to its key (by an earlier,
   * failed or zombie attempt) or an upstream duplicate is skipped and emits nothing; a record that fails leaves its
   * key's state as it was.
   */
  public ProcessedBatch run(List<DecodedRecord> batch, BatchContext context) {
    if (inference != null) {
      inference.resolve(batch, record -> alreadyApplied(record, context));
    }
    List<ProcessedRecord> records = new ArrayList<>(batch.size());
    long filteredOut = 0;
    long skipped = 0;
    if (broadcastKeys != null && context.keyed() && !batch.isEmpty()) {
      // every record of the batch reads its shard's broadcast state, changed in input order by the broadcast records
      context.current().broadcast(context.keyStates().get(broadcastKeys.of(batch.get(0).input().shardId())));
    }
    for (DecodedRecord record : batch) {
      InputRecord input = record.input();
      if (record.isFailed()) {
        KeyState failedKey = context.keyed() && record.key() != null ? context.keyStates().get(record.key()) : null;
        boolean shardMemory = context.keyed() && context.shardIdentities() != null;
        boolean applied = (failedKey != null || shardMemory) && alreadyApplied(record.key(), input, context);
        if (applied && shardMemory) {
          // an upstream copy of a record this shard already applied or dead-lettered (the shard's memory knows it,
          // with or without a key): skipped, as an applied record's copy is
          records.add(ProcessedRecord.emitted(input, List.of()));
          skipped++;
          continue;
        }
        if ((failedKey != null || shardMemory) && !applied) {
          // a record judged poison by an earlier attempt (its key is known, or the shard remembers for every key):
          // it counts as applied, like any record that goes to the dead letters in a keyed stage, so an upstream
          // copy of it is skipped
          context.applied(failedKey, new RecordPosition(input.shardId(), input.sequenceNumber()), identityOf(input));
        }
        records.add(ProcessedRecord.failed(input, this.context.describe(input, record.failure())));
        continue;
      }
      KeyState key = context.keyed() ? context.keyStates().get(record.key()) : null;
      RecordPosition position = new RecordPosition(input.shardId(), input.sequenceNumber());
      RecordIdentity upstream = context.keyed() ? RecordIdentity.parse(input.partitionKey()).orElse(null) : null;
      if (alreadyApplied(record, context)) {
        records.add(ProcessedRecord.emitted(input, List.of()));
        skipped++;
        continue;
      }
      KeyState.Snapshot before = key == null ? null : key.snapshot();
      if (key != null) {
        context.current().set(key, input.arrivalMillis());
      }
      if (context.watermarkAt() != null) {
        clock.judgeAt(context.watermarkOf(input));
      }
      clock.current(record.key(), record.eventTime(), input.arrivalMillis());
      if (answers != null) {
        answers.current(InputIdentity.of(input));
      }
      int registered = clock.registeredCount();
      try {
        OperatorChain.Result result = chain.run(record.value());
        records.add(ProcessedRecord.emitted(input, encode(result, input, context, record.eventTime(), null,
            new int[1])));
        filteredOut += result.filteredOut();
        if (key != null) {
          context.applied(key, position, upstream);
        }
      } catch (StepFailure failure) {
        if (key != null) {
          // the record goes to the dead letters once: it counts as applied, so a redelivery or an upstream copy of
          // it is skipped rather than dead-lettered again
          key.restore(before);
          context.applied(key, position, upstream);
        }
        clock.forgetRegisteredAfter(registered);
        records.add(ProcessedRecord.failed(input, this.context.describe(input, failure)));
      } finally {
        if (key != null) {
          context.current().clear();
        }
      }
    }
    return new ProcessedBatch(records, filteredOut, skipped);
  }

  /** True in a keyed context when the record was applied to its key already (a redelivery or an upstream copy). */
  private static boolean alreadyApplied(DecodedRecord record, BatchContext context) {
    if (!context.keyed() || record.isFailed()) {
      return false;
    }
    return alreadyApplied(record.key(), record.input(), context);
  }

  private static boolean alreadyApplied(String keyName, InputRecord input, BatchContext context) {
    KeyState key = keyName == null ? null : context.keyStates().get(keyName);
    if (key == null) {
      // without a key only the shard's memory (state log layout) can know the record
      RecordIdentity upstream = identityOf(input);
      return upstream != null && context.shardIdentities() != null && context.shardIdentities().isDuplicate(upstream);
    }
    RecordIdentity upstream = RecordIdentity.parse(input.partitionKey()).orElse(null);
    return key.alreadyApplied(new RecordPosition(input.shardId(), input.sequenceNumber()))
        || context.alreadyApplied(key, upstream);
  }

  /** The upstream identity of {@code input}, or null when its partition key is none (or malformed). */
  private static RecordIdentity identityOf(InputRecord input) {
    try {
      return RecordIdentity.parse(input.partitionKey()).orElse(null);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  private String keyOf(Object value) throws StepFailure {
    if (inputKey == null) {
      return null;
    }
    Object key;
    try {
      key = inputKey.valueOf(value);
    } catch (Throwable e) {
      throw new StepFailure(ErrorType.KEY, inputKey.name(), "cannot read key field '" + inputKey.name() + "'", e);
    }
    if (key == null) {
      throw new StepFailure(ErrorType.KEY, inputKey.name(), "key field '" + inputKey.name() + "' is null", null);
    }
    String text = String.valueOf(key);
    if (broadcastKeys != null && BroadcastKeys.isBroadcastKey(text)) {
      throw new StepFailure(ErrorType.KEY, inputKey.name(), "key field '" + inputKey.name() + "' starts with the"
          + " characters of the key reserved for the shard's broadcast state (docs/broadcast.md)", null);
    }
    return text;
  }

  private Object decode(InputRecord input) throws StepFailure {
    try {
      return decoder.decode(input.data());
    } catch (Exception e) {
      throw new StepFailure(ErrorType.DECODE, decoder.name(),
          "codec '" + decoder.name() + "' cannot decode the " + input.data().length + "-byte payload", e);
    }
  }

  /**
   * Runs what a window or timer of one key emitted from {@code node} through the operators downstream of it, and
   * encodes the outputs. The firing is an input of its own ({@code firing}: its shard, sequence number and partition
   * key make its identities), its records carry {@code eventTime}, table items carry {@code tablePosition}, and
   * {@code index} numbers the firing's stream outputs across calls.
   */
  public List<Emission> fire(String node, List<Object> records, InputRecord firing, long eventTime,
      String tablePosition, BatchContext batch, int[] index) throws StepFailure {
    OperatorChain.Result result = chain.runFrom(node, records);
    return encode(result, firing, batch, eventTime, tablePosition, index);
  }

  /** Describes a failed firing for the dead letters. */
  public RecordFailure describe(InputRecord firing, StepFailure failure) {
    return context.describe(firing, failure);
  }

  private List<Emission> encode(OperatorChain.Result result, InputRecord input, BatchContext batch, long time,
      String tablePosition, int[] streamIndex) throws StepFailure {
    List<Emission> emissions = new ArrayList<>();
    for (OutputEncoder output : outputs) {
      for (Object record : result.of(output.from())) {
        Emission emission = output.encode(record, input);
        if (batch.identities() && emission instanceof StreamRecord stream) {
          emission = stream.withIdentity(identity(input, batch, time, streamIndex));
        } else if (batch.identities() && emission instanceof TopicRecord topic) {
          emission = topic.withIdentity(identity(input, batch, time, streamIndex));
        } else if (batch.keyed() && emission instanceof TableItem item) {
          emission = tablePosition != null ? item.withStampedPosition(tablePosition)
              : item.withPosition(input.shardId(), input.sequenceNumber());
        }
        emissions.add(emission);
      }
    }
    return emissions;
  }

  /** The identity of the next stream or topic output of {@code input}, numbered by {@code streamIndex}. */
  private RecordIdentity identity(InputRecord input, BatchContext batch, long time, int[] streamIndex) {
    return new RecordIdentity(context.stage(), input.shardId(), input.sequenceNumber(), streamIndex[0]++,
        batch.committed(), time == StageClock.NONE ? RecordIdentity.NO_TIME : time,
        batch.watermark() == StageClock.NONE ? RecordIdentity.NO_TIME : batch.watermark());
  }

  /**
   * A source record's event time from its field, checked against the source's accepted range, or any record's from
   * its identity; NONE when it has none.
   */
  private long eventTimeOf(InputRecord input, Object value) throws StepFailure {
    if (eventTime != null) {
      long time;
      try {
        time = eventTime.of(value);
      } catch (Throwable e) {
        throw new StepFailure(ErrorType.EVENT_TIME, eventTime.name(),
            "cannot read the event time from field '" + eventTime.name() + "'", e);
      }
      Optional<String> outside = eventTime.outsideRange(time, input.arrivalMillis());
      if (outside.isPresent()) {
        throw new StepFailure(ErrorType.EVENT_TIME, eventTime.name(), outside.get(), null);
      }
      return time;
    }
    try {
      return RecordIdentity.parse(input.partitionKey()).map(RecordIdentity::eventTime)
          .filter(t -> t != RecordIdentity.NO_TIME).orElse(StageClock.NONE);
    } catch (IllegalArgumentException malformed) {
      return StageClock.NONE;
    }
  }
}
