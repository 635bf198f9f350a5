package dev.runnel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * What CloudWatch Logs does with the Embedded Metric Format lines a function prints, done by a test with
 * {@code PutMetricData}: each metric of each directive becomes a datum per dimension set, with the document's
 * timestamp, the dimension values and the metric's value and unit taken from the document's top-level members.
 */
final class EmfToCloudWatch {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** CloudWatch's limit of data per PutMetricData request. */
  private static final int DATA_PER_REQUEST = 1000;

  private EmfToCloudWatch() {}

  /** Publishes the metrics of {@code lines}, one request per namespace and up to 1,000 data; returns the data count. */
  static int publish(CloudWatchClient cloudWatch, List<String> lines) {
    java.util.Map<String, List<MetricDatum>> byNamespace = new java.util.LinkedHashMap<>();
    for (String line : lines) {
      JsonNode document;
      try {
        document = JSON.readTree(line);
      } catch (IOException e) {
        throw new UncheckedIOException("not an EMF document: " + line, e);
      }
      Instant at = Instant.ofEpochMilli(document.at("/_aws/Timestamp").asLong());
      for (JsonNode directive : document.at("/_aws/CloudWatchMetrics")) {
        for (JsonNode set : directive.path("Dimensions")) {
          List<Dimension> dimensions = new ArrayList<>();
          set.forEach(name -> dimensions.add(Dimension.builder().name(name.asText())
              .value(document.path(name.asText()).asText()).build()));
          for (JsonNode metric : directive.path("Metrics")) {
            String name = metric.path("Name").asText();
            byNamespace.computeIfAbsent(directive.path("Namespace").asText(), n -> new ArrayList<>())
                .add(MetricDatum.builder().metricName(name).dimensions(dimensions).timestamp(at)
                    .unit(StandardUnit.fromValue(metric.path("Unit").asText("None")))
                    .value(document.path(name).asDouble()).build());
          }
        }
      }
    }
    int sent = 0;
    for (var namespace : byNamespace.entrySet()) {
      List<MetricDatum> data = namespace.getValue();
      for (int start = 0; start < data.size(); start += DATA_PER_REQUEST) {
        List<MetricDatum> chunk = data.subList(start, Math.min(data.size(), start + DATA_PER_REQUEST));
        cloudWatch.putMetricData(b -> b.namespace(namespace.getKey()).metricData(chunk));
        sent += chunk.size();
      }
    }
    return sent;
  }

  /** The sum of metric {@code name} over the documents of {@code stage} among {@code lines}. */
  static double sum(List<String> lines, String stage, String name) {
    double sum = 0;
    for (String line : lines) {
      try {
        JsonNode document = JSON.readTree(line);
        if (stage.equals(document.path("Stage").asText())) {
          sum += document.path(name).asDouble();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sum;
  }
}
