package dev.runnel.localrunner.summary;

import dev.runnel.functions.requests.OperationRequests;
import dev.runnel.functions.requests.RequestTotals;
import dev.runnel.functions.requests.ServiceRequests;
import dev.runnel.plan.Plan;
import dev.runnel.plan.TableRole;
import dev.runnel.plan.TableSpec;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A stage's counted requests grouped as the plan's tables explain them: Kinesis calls, and DynamoDB requests and units
 * per table role.
 *
 * @param putRecords PutRecords requests: outputs, window firings, watermark markers
 * @param listShards ListShards requests (the shard listings of ticks and markers)
 * @param state      requests to the keyed-state table
 * @param checkpoint requests to the checkpoint table (commits, id segments)
 * @param progress   requests to the progress table (published watermarks)
 * @param timers     requests to the timer index
 * @param other      every other request: sink and dead-letter tables, model answers, other Kinesis calls
 * @param total      everything
 */
public record RequestBreakdown(long putRecords, long listShards, RequestTotals state, RequestTotals checkpoint,
    RequestTotals progress, RequestTotals timers, RequestTotals other, RequestTotals total) {

  /** The breakdown of {@code requests} by the tables of {@code plan}. */
  public static RequestBreakdown of(Plan plan, ServiceRequests requests) {
    long putRecords = requests.requests(OperationRequests.KINESIS, "PutRecords");
    long listShards = requests.requests(OperationRequests.KINESIS, "ListShards");
    RequestTotals state = requests.sum(ServiceRequests.on(tables(plan, TableRole.STATE)));
    RequestTotals checkpoint = requests.sum(ServiceRequests.on(tables(plan, TableRole.CHECKPOINT)));
    RequestTotals progress = requests.sum(ServiceRequests.on(tables(plan, TableRole.PROGRESS)));
    RequestTotals timers = requests.sum(ServiceRequests.on(tables(plan, TableRole.TIMERS)));
    RequestTotals total = requests.total();
    RequestTotals explained = new RequestTotals(putRecords + listShards, 0, 0).plus(state).plus(checkpoint)
        .plus(progress).plus(timers);
    RequestTotals other = new RequestTotals(total.requests() - explained.requests(),
        total.readUnits() - explained.readUnits(), total.writeUnits() - explained.writeUnits());
    return new RequestBreakdown(putRecords, listShards, state, checkpoint, progress, timers, other, total);
  }

  private static Set<String> tables(Plan plan, TableRole role) {
    return plan.tables(role).stream().map(TableSpec::name).collect(Collectors.toSet());
  }
}
