package dev.runnel.bench.coldstart;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a benchmark run.
 *
 * @param runs           the counted runs of each variant, by label
 * @param routedRecords  records the writing variants put on the demo's repartition stream, warm-up included
 */
record ColdStartMeasurement(Map<String, List<ColdStartRun>> runs, int routedRecords) {}
