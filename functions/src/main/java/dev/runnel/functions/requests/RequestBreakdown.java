package dev.runnel.functions.requests;

import dev.runnel.plan.Plan;
import dev.runnel.plan.TableRole;
import dev.runnel.plan.TableSpec;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A stage's counted requests grouped as the plan's tables explain them: PutRecords, and DynamoDB requests and units
 * per table role of the exactly-once protocol and event time. The local run summary and the functions' metrics
 * ({@link dev.runnel.functions.InvocationFigures}) both group them here.
 *
 * @param putRecords PutRecords requests: outputs, window firings, watermark markers
 * @param state      requests to the keyed-state tables: per-key items ({@code <job>-state}) and the shard state log
 *                   ({@code <job>-state-log})
 * @param checkpoint requests to the checkpoint table (commits, id segments)
 * @param progress   requests to the progress table (published watermarks)
 * @param timers     requests to the timer index
 * @param stateLog   the part of {@code state} sent to the shard state log alone
 */
public record RequestBreakdown(long putRecords, RequestTotals state, RequestTotals checkpoint, RequestTotals progress,
    RequestTotals timers, RequestTotals stateLog) {

  /** The breakdown of {@code requests} by the tables of {@code plan}. */
  public static RequestBreakdown of(Plan plan, ServiceRequests requests) {
    return new RequestBreakdown(requests.requests(OperationRequests.KINESIS, "PutRecords"),
        requests.sum(ServiceRequests.on(tables(plan, TableRole.STATE, TableRole.STATE_LOG))),
        requests.sum(ServiceRequests.on(tables(plan, TableRole.CHECKPOINT))),
        requests.sum(ServiceRequests.on(tables(plan, TableRole.PROGRESS))),
        requests.sum(ServiceRequests.on(tables(plan, TableRole.TIMERS))),
        requests.sum(ServiceRequests.on(tables(plan, TableRole.STATE_LOG))));
  }

  private static Set<String> tables(Plan plan, TableRole... roles) {
    return java.util.Arrays.stream(roles).flatMap(role -> plan.tables(role).stream()).map(TableSpec::name)
        .collect(Collectors.toSet());
  }
}
