package dev.runnel.nexmark.bench;

/**
 * What one run measured.
 *
 * @param settings          the run
 * @param functionCpuNanos  process CPU of the run minus the generator, the Kinesis stand-in, building Lambda's
 *                          events, parsing them and the JIT compiler's threads
 * @param parsingCpuNanos   CPU of parsing the event JSON into records, as the deployed {@code StageStreamHandler}
 *                          does ({@code KinesisEventJson})
 * @param jvm               CPU of the JIT compiler's threads during the run (left out of {@code functionCpuNanos}) and
 *                          of the garbage collector's (counted in it)
 * @param invocations       handler invocations with records (Lambda requests)
 * @param state             requests and units of the keyed-state table
 * @param checkpoints       of the checkpoint table
 * @param progress          of the progress table
 * @param timers            of the timer index
 * @param putRecordsCalls   PutRecords calls by the stages (outputs, repartitions, watermark markers)
 * @param putRecords        records they put
 * @param payloadUnits      their 25 KB PUT payload units
 * @param shards            shards of all the job's streams
 * @param internal          the shards and PUT payload units of the streams between the job's stages alone
 * @param outputRows        rows the sinks received
 * @param differences       how the output rows differ from the reference; empty when equal
 */
record RunFigures(RunSettings settings, long functionCpuNanos, long parsingCpuNanos, JvmThreadsCpu.Sample jvm,
    long invocations,
    TableUse state, TableUse checkpoints, TableUse progress, TableUse timers, long putRecordsCalls,
    long putRecords, long payloadUnits, int shards, KinesisUse internal, long outputRows, String differences) {

  /** Shards and the PUT payload units put to them. */
  record KinesisUse(int shards, long payloadUnits) {}

  /** The four tables together. */
  TableUse dynamoDb() {
    return state.plus(checkpoints).plus(progress).plus(timers);
  }

  /** Events per second of function CPU, without the event parsing. */
  double eventsPerCpuSecond() {
    return settings.events() / (functionCpuNanos / 1e9);
  }

  /** Events per second of function CPU, the event parsing included. */
  double eventsPerCpuSecondWithParsing() {
    return settings.events() / ((functionCpuNanos + parsingCpuNanos) / 1e9);
  }

  /** {@code count} per 1,000 events. */
  double perThousandEvents(long count) {
    return count * 1000.0 / settings.events();
  }
}
