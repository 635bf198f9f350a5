package dev.runnel.functions.requests;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * Counts what the SDK clients it is installed on send: every HTTP attempt (so retries count as the bill counts them)
 * by service, operation and table or stream, the capacity units DynamoDB returns, and the PUT payload units of the
 * Kinesis records it sends. It asks DynamoDB for them
 * ({@code ReturnConsumedCapacity.TOTAL}) on every request that offers it and does not ask already. Failed attempts
 * and failed conditions return no units (DynamoDB still bills a failed conditional write). Thread-safe; install one
 * per function instance and read it with {@link #snapshot()}.
 */
public final class RequestCounter implements ExecutionInterceptor {
  private static final ExecutionAttribute<Key> KEY = new ExecutionAttribute<>("RunnelRequestKey");
  private final Map<Key, Tally> tallies = new ConcurrentHashMap<>();
  private final LongAdder throttled = new LongAdder();

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    SdkRequest request = withConsumedCapacity(context.request());
    attributes.putAttribute(KEY, new Key(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), target(request)));
    return request;
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    Key key = attributes.getAttribute(KEY);
    if (key != null) {
      Tally tally = tally(key);
      tally.requests.increment();
      tally.payloadUnits.add(payloadUnits(context.request()));
    }
  }

  /** Bytes of a Kinesis PUT payload unit. */
  public static final int PAYLOAD_UNIT_BYTES = 25 * 1024;

  /** The PUT payload units a request sends: 0 unless it puts Kinesis records. */
  static long payloadUnits(SdkRequest request) {
    if (request instanceof PutRecordsRequest put) {
      long units = 0;
      for (PutRecordsRequestEntry entry : put.records()) {
        units += payloadUnits(entry.data().asByteBuffer().remaining(), entry.partitionKey());
      }
      return units;
    }
    if (request instanceof PutRecordRequest put) {
      return payloadUnits(put.data().asByteBuffer().remaining(), put.partitionKey());
    }
    return 0;
  }

  /** A record's PUT payload units: its data and partition key in 25 KB units, at least one. */
  public static long payloadUnits(int dataBytes, String partitionKey) {
    long bytes = dataBytes + (long) partitionKey.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    return Math.max(1L, (bytes + PAYLOAD_UNIT_BYTES - 1) / PAYLOAD_UNIT_BYTES);
  }

  /** Counts an attempt the service throttled: HTTP 429, or an error type naming throttling or exceeded throughput. */
  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    var response = context.httpResponse();
    if (response.statusCode() == 429 || response.statusCode() == 400 && response
        .firstMatchingHeader("x-amzn-ErrorType").map(RequestCounter::throttling).orElse(false)) {
      throttled.increment();
    }
  }

  /** Attempts the services throttled so far (each is also counted as a request, and the SDK retried it). */
  public long throttled() {
    return throttled.sum();
  }

  /** True for the error types DynamoDB and Kinesis answer a throttled request with. */
  static boolean throttling(String errorType) {
    return errorType.contains("ProvisionedThroughputExceeded") || errorType.contains("Throttling")
        || errorType.contains("RequestLimitExceeded") || errorType.contains("LimitExceededException");
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    Key key = attributes.getAttribute(KEY);
    if (key == null) {
      return;
    }
    for (ConsumedCapacity capacity : consumed(context.response())) {
      if (capacity.capacityUnits() == null) {
        continue;
      }
      String table = capacity.tableName() == null ? key.target() : capacity.tableName();
      Tally tally = tally(new Key(key.service(), key.operation(), table));
      (reads(key.operation()) ? tally.readUnits : tally.writeUnits).add(capacity.capacityUnits());
    }
  }

  /** The counts so far. */
  public ServiceRequests snapshot() {
    List<OperationRequests> operations = new ArrayList<>(tallies.size());
    tallies.forEach((key, tally) -> operations.add(new OperationRequests(key.service(), key.operation(),
        key.target(), tally.requests.sum(), tally.readUnits.sum(), tally.writeUnits.sum(),
        tally.payloadUnits.sum())));
    return new ServiceRequests(operations);
  }

  private Tally tally(Key key) {
    return tallies.computeIfAbsent(key, k -> new Tally());
  }

  /** The request asking for its consumed capacity, when its operation returns it and it does not ask already. */
  private static SdkRequest withConsumedCapacity(SdkRequest request) {
    if (!(request instanceof DynamoDbRequest)) {
      return request;
    }
    ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
    if (request instanceof PutItemRequest r) {
      return r.returnConsumedCapacity() != null ? r : r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof UpdateItemRequest r) {
      return r.returnConsumedCapacity() != null ? r : r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof DeleteItemRequest r) {
      return r.returnConsumedCapacity() != null ? r : r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof GetItemRequest r) {
      return r.returnConsumedCapacity() != null ? r : r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof BatchGetItemRequest r) {
      return r.returnConsumedCapacity() != null ? r : r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof BatchWriteItemRequest r) {
      return r.returnConsumedCapacity() != null ? r : r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof QueryRequest r) {
      return r.returnConsumedCapacity() != null ? r : r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof ScanRequest r) {
      return r.returnConsumedCapacity() != null ? r : r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof TransactWriteItemsRequest r) {
      return r.returnConsumedCapacity() != null ? r : r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof TransactGetItemsRequest r) {
      return r.returnConsumedCapacity() != null ? r : r.toBuilder().returnConsumedCapacity(total).build();
    }
    return request;
  }

  /** The table or stream a request names; several sorted and joined by {@code +}; empty when it names none. */
  static String target(SdkRequest request) {
    if (!(request instanceof DynamoDbRequest)) {
      return request.getValueForField("StreamName", String.class)
          .or(() -> request.getValueForField("StreamARN", String.class).map(RequestCounter::streamName))
          .orElse("");
    }
    if (request instanceof BatchGetItemRequest r) {
      return joined(r.requestItems().keySet());
    } else if (request instanceof BatchWriteItemRequest r) {
      return joined(r.requestItems().keySet());
    } else if (request instanceof TransactWriteItemsRequest r) {
      TreeSet<String> tables = new TreeSet<>();
      for (TransactWriteItem item : r.transactItems()) {
        tables.add(item.put() != null ? item.put().tableName() : item.update() != null ? item.update().tableName()
            : item.delete() != null ? item.delete().tableName() : item.conditionCheck().tableName());
      }
      return joined(tables);
    } else if (request instanceof TransactGetItemsRequest r) {
      TreeSet<String> tables = new TreeSet<>();
      r.transactItems().forEach(item -> tables.add(item.get().tableName()));
      return joined(tables);
    }
    return request.getValueForField("TableName", String.class).orElse("");
  }

  private static List<ConsumedCapacity> consumed(SdkResponse response) {
    Object field = response.getValueForField("ConsumedCapacity", Object.class).orElse(null);
    if (field instanceof ConsumedCapacity one) {
      return List.of(one);
    }
    if (field instanceof Collection<?> many) {
      List<ConsumedCapacity> all = new ArrayList<>(many.size());
      many.forEach(c -> all.add((ConsumedCapacity) c));
      return all;
    }
    return List.of();
  }

  /** True for DynamoDB operations that consume read units. */
  private static boolean reads(String operation) {
    return switch (operation) {
      case "GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems" -> true;
      default -> false;
    };
  }

  private static String joined(Collection<String> names) {
    return String.join("+", new TreeSet<>(names));
  }

  private static String streamName(String arn) {
    return arn.substring(arn.lastIndexOf('/') + 1);
  }

  private record Key(String service, String operation, String target) { }

  private static final class Tally {
    final LongAdder requests = new LongAdder();
    final DoubleAdder readUnits = new DoubleAdder();
    final DoubleAdder writeUnits = new DoubleAdder();
    final LongAdder payloadUnits = new LongAdder();
  }
}
