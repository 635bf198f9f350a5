package dev.runnel.sinkreader;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.kinesis.processor.Checkpointer;
import software.amazon.kinesis.processor.PreparedCheckpointer;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/** A KCL checkpointer that remembers where it was asked to checkpoint: a sequence number, or "SHARD_END". */
final class RecordingCheckpointer implements RecordProcessorCheckpointer {
  final List<String> checkpoints = new ArrayList<>();

  @Override
  public void checkpoint() {
    checkpoints.add("SHARD_END");
  }

  @Override
  public void checkpoint(Record record) {
    checkpoints.add(record.sequenceNumber());
  }

  @Override
  public void checkpoint(String sequenceNumber) {
    checkpoints.add(sequenceNumber);
  }

  @Override
  public void checkpoint(String sequenceNumber, long subSequenceNumber) {
    checkpoints.add(sequenceNumber);
  }

  @Override
  public PreparedCheckpointer prepareCheckpoint() {
    throw new UnsupportedOperationException();
  }

  @Override
  public PreparedCheckpointer prepareCheckpoint(byte[] state) {
    throw new UnsupportedOperationException();
  }

  @Override
  public PreparedCheckpointer prepareCheckpoint(Record record) {
    throw new UnsupportedOperationException();
  }

  @Override
  public PreparedCheckpointer prepareCheckpoint(Record record, byte[] state) {
    throw new UnsupportedOperationException();
  }

  @Override
  public PreparedCheckpointer prepareCheckpoint(String sequenceNumber) {
    throw new UnsupportedOperationException();
  }

  @Override
  public PreparedCheckpointer prepareCheckpoint(String sequenceNumber, byte[] state) {
    throw new UnsupportedOperationException();
  }

  @Override
  public PreparedCheckpointer prepareCheckpoint(String sequenceNumber, long subSequenceNumber) {
    throw new UnsupportedOperationException();
  }

  @Override
  public PreparedCheckpointer prepareCheckpoint(String sequenceNumber, long subSequenceNumber, byte[] state) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Checkpointer checkpointer() {
    throw new UnsupportedOperationException();
  }
}
