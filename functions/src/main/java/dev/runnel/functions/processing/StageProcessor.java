package dev.runnel.functions.processing;

import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.batch.ProcessedBatch;
import dev.runnel.functions.batch.ProcessedRecord;
import dev.runnel.functions.codec.RecordDecoder;
import dev.runnel.functions.deadletter.ErrorType;
import dev.runnel.functions.deadletter.FailureContext;
import dev.runnel.functions.deadletter.StepFailure;
import dev.runnel.functions.operators.OperatorChain;
import dev.runnel.functions.output.Emission;
import dev.runnel.functions.output.OutputEncoder;
import java.util.ArrayList;
import java.util.List;

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

  /** A processor for one stage; every output must read a node of {@code chain}. */
  public StageProcessor(RecordDecoder decoder, OperatorChain chain, List<OutputEncoder> outputs,
      FailureContext context) {
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
  }

  /** The outcome of every record of the batch, in input order. */
  public ProcessedBatch process(List<InputRecord> batch) {
    List<ProcessedRecord> records = new ArrayList<>(batch.size());
    long filteredOut = 0;
    for (InputRecord input : batch) {
      try {
        OperatorChain.Result result = chain.run(decode(input));
        records.add(ProcessedRecord.emitted(input, encode(result, input)));
        filteredOut += result.filteredOut();
      } catch (StepFailure failure) {
        records.add(ProcessedRecord.failed(input, context.describe(input, failure)));
      }
    }
    return new ProcessedBatch(records, filteredOut);
  }

  private Object decode(InputRecord input) throws StepFailure {
    try {
      return decoder.decode(input.data());
    } catch (Exception e) {
      throw new StepFailure(ErrorType.DECODE, decoder.name(),
          "codec '" + decoder.name() + "' cannot decode the " + input.data().length + "-byte payload", e);
    }
  }

  private List<Emission> encode(OperatorChain.Result result, InputRecord input) throws StepFailure {
    List<Emission> emissions = new ArrayList<>();
    for (OutputEncoder output : outputs) {
      for (Object record : result.of(output.from())) {
        emissions.add(output.encode(record, input));
      }
    }
    return emissions;
  }
}
