package dev.runnel.functions.requests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A snapshot of the requests function instances sent, one entry per service, operation and target, in that order.
 *
 * @param operations the counts, one per service, operation and target
 */
public record ServiceRequests(List<OperationRequests> operations) {
  /** No requests. */
  public static final ServiceRequests NONE = new ServiceRequests(List.of());
  private static final Comparator<OperationRequests> ORDER = Comparator.comparing(OperationRequests::service)
      .thenComparing(OperationRequests::operation).thenComparing(OperationRequests::target);

  public ServiceRequests {
    List<OperationRequests> merged = new ArrayList<>();
    for (OperationRequests next : operations) {
      int same = indexOf(merged, next);
      if (same < 0) {
        merged.add(next);
      } else {
        merged.set(same, merged.get(same).plus(next));
      }
    }
    merged.sort(ORDER);
    operations = List.copyOf(merged);
  }

  /** The sum of both snapshots, e.g. over the function instances of one stage. */
  public ServiceRequests plus(ServiceRequests other) {
    List<OperationRequests> all = new ArrayList<>(operations);
    all.addAll(other.operations);
    return new ServiceRequests(all);
  }

  /** What was sent between {@code earlier} and this later snapshot of the same counter; empty operations left out. */
  public ServiceRequests minus(ServiceRequests earlier) {
    List<OperationRequests> all = new ArrayList<>(operations);
    for (OperationRequests before : earlier.operations) {
      all.add(new OperationRequests(before.service(), before.operation(), before.target(), -before.requests(),
          -before.readUnits(), -before.writeUnits(), -before.payloadUnits()));
    }
    return new ServiceRequests(new ServiceRequests(all).operations.stream()
        .filter(o -> o.requests() != 0 || o.readUnits() != 0 || o.writeUnits() != 0 || o.payloadUnits() != 0)
        .toList());
  }

  /** Requests of {@code operation} of {@code service}, on every target. */
  public long requests(String service, String operation) {
    return sum(o -> o.service().equals(service) && o.operation().equals(operation)).requests();
  }

  /**
   * The requests, read and write units of the operations {@code which} selects, for example those on the tables of
   * one role ({@link #on}).
   */
  public RequestTotals sum(Predicate<OperationRequests> which) {
    long requests = 0;
    double read = 0;
    double write = 0;
    for (OperationRequests o : operations) {
      if (which.test(o)) {
        requests += o.requests();
        read += o.readUnits();
        write += o.writeUnits();
      }
    }
    return new RequestTotals(requests, read, write);
  }

  /** The Kinesis PUT payload units sent, over every operation. */
  public long payloadUnits() {
    return operations.stream().mapToLong(OperationRequests::payloadUnits).sum();
  }

  /** Selects the operations on one of {@code targets}; a request naming several tables is selected by any of them. */
  public static Predicate<OperationRequests> on(Set<String> targets) {
    return o -> targets.contains(o.target())
        || o.target().contains("+") && Arrays.stream(o.target().split("\\+")).anyMatch(targets::contains);
  }

  /** All requests, read and write units. */
  public RequestTotals total() {
    return sum(o -> true);
  }

  private static int indexOf(List<OperationRequests> list, OperationRequests entry) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).sameAs(entry)) {
        return i;
      }
    }
    return -1;
  }
}
