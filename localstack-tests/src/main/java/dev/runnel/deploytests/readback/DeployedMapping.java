package dev.runnel.deploytests.readback;

import dev.runnel.plan.BatchingSpec;

/**
 * A Kinesis event source mapping as the Lambda API reports it.
 *
 * @param uuid                    the mapping's id
 * @param functionName            the function it invokes (without a qualifier)
 * @param functionArn             the ARN it invokes, with a qualifier when it targets a version or alias
 * @param stage                   the stage the function runs ({@code RUNNEL_STAGE} of its environment), or null
 * @param eventSourceArn          the stream
 * @param startingPosition        TRIM_HORIZON, LATEST or AT_TIMESTAMP
 * @param batching                batch size, window, bisect, retries and parallelization factor
 * @param maximumRecordAgeSeconds -1 for no limit, else 60-604,800
 * @param reportBatchItemFailures true if {@code FunctionResponseTypes} has ReportBatchItemFailures
 * @param onFailureDestination    the ARN of the on-failure destination, or null
 * @param state                   Enabled, Disabled, Creating...
 */
public record DeployedMapping(
    String uuid, String functionName, String functionArn, String stage, String eventSourceArn,
    String startingPosition, BatchingSpec batching, int maximumRecordAgeSeconds, boolean reportBatchItemFailures,
    String onFailureDestination, String state) {}
