package dev.runnel.functions.requests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.plan.Plan;
import dev.runnel.plan.StreamRole;
import dev.runnel.plan.StreamSpec;
import dev.runnel.plan.TableRole;
import dev.runnel.plan.TableSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary's request columns group tables by role; keyed state counts both of its tables. */
class RequestBreakdownTest {

  @Test
  void stateCountsTheStateTableAndTheStateLog() {
    Plan plan = new Plan(Plan.FORMAT, "b", "x.B", List.of(new StreamSpec("b-in", 1, StreamRole.SOURCE)),
        List.of(new TableSpec("b-state", TableRole.STATE, "pk", null),
            new TableSpec("b-checkpoints", TableRole.CHECKPOINT, "pk", null),
            new TableSpec("b-state-log", TableRole.STATE_LOG, "pk", "sk")), List.of());
    ServiceRequests requests = new ServiceRequests(List.of(
        new OperationRequests(OperationRequests.DYNAMODB, "BatchGetItem", "b-state", 2, 3, 0),
        new OperationRequests(OperationRequests.DYNAMODB, "BatchWriteItem", "b-state-log", 5, 0, 7),
        new OperationRequests(OperationRequests.DYNAMODB, "Query", "b-state-log", 1, 0.5, 0),
        new OperationRequests(OperationRequests.DYNAMODB, "PutItem", "b-checkpoints", 4, 0, 4)));

    RequestBreakdown bill = RequestBreakdown.of(plan, requests);

    assertThat(bill.state()).isEqualTo(new RequestTotals(8, 3.5, 7));
    assertThat(bill.checkpoint()).isEqualTo(new RequestTotals(4, 0, 4));
    assertThat(bill.stateLog()).isEqualTo(new RequestTotals(6, 0.5, 7));
  }
}
