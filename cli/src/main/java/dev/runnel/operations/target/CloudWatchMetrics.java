package dev.runnel.operations.target;

import dev.runnel.infra.stack.RunnelMetrics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/**
 * Sums of the {@code Runnel} metrics (namespace {@link RunnelMetrics#NAMESPACE}, dimensions {@code Job} and
 * {@code Stage}) the stage functions publish, per stage, from the stack's creation (at most CloudWatch's 455 days) to
 * now, in one-day periods: {@code ListMetrics} finds the stages that published, {@code GetMetricData} sums them (up to
 * 500 metrics a request, CloudWatch's limit).
 */
final class CloudWatchMetrics implements JobMetrics {
  private static final Duration RETENTION = Duration.ofDays(455);
  private static final int DAY_SECONDS = 86_400;
  private static final int QUERIES_PER_REQUEST = 500;

  private final CloudWatchClient cloudWatch;
  private final String job;
  private final Instant from;

  CloudWatchMetrics(CloudWatchClient cloudWatch, String job, Instant created) {
    this.cloudWatch = cloudWatch;
    this.job = job;
    Instant oldest = Instant.now().minus(RETENTION);
    this.from = (created == null || created.isBefore(oldest) ? oldest : created).truncatedTo(ChronoUnit.MINUTES);
  }

  @Override
  public Map<String, Double> sumPerStage(String name) {
    return sumsPerStage(List.of(name)).get(name);
  }

  @Override
  public Map<String, Map<String, Double>> sumsPerStage(Collection<String> names) {
    Map<String, Map<String, Double>> sums = new LinkedHashMap<>();
    names.forEach(name -> sums.put(name, new HashMap<>()));
    Map<String, String[]> byQueryId = new HashMap<>(); // query id -> {metric name, stage}
    Set<String> seen = new HashSet<>();
    List<MetricDataQuery> queries = new ArrayList<>();
    ListMetricsRequest.Builder list = ListMetricsRequest.builder().namespace(RunnelMetrics.NAMESPACE)
        .dimensions(DimensionFilter.builder().name(RunnelMetrics.JOB).value(job).build());
    if (names.size() == 1) {
      list.metricName(names.iterator().next());
    }
    for (Metric metric : cloudWatch.listMetricsPaginator(list.build()).metrics()) {
      String stage = metric.dimensions().stream().filter(d -> d.name().equals(RunnelMetrics.STAGE))
          .map(Dimension::value).findFirst().orElse(null);
      if (stage == null || metric.dimensions().size() != 2 || !sums.containsKey(metric.metricName())
          || !seen.add(metric.metricName() + "\n" + stage)) {
        continue;
      }
      String id = "m" + queries.size();
      byQueryId.put(id, new String[] {metric.metricName(), stage});
      queries.add(MetricDataQuery.builder().id(id).metricStat(s -> s.metric(metric).period(DAY_SECONDS).stat("Sum"))
          .build());
    }
    Instant to = Instant.now().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MINUTES);
    for (int start = 0; start < queries.size(); start += QUERIES_PER_REQUEST) {
      List<MetricDataQuery> chunk = queries.subList(start, Math.min(queries.size(), start + QUERIES_PER_REQUEST));
      for (GetMetricDataResponse page : cloudWatch.getMetricDataPaginator(b -> b.metricDataQueries(chunk)
          .startTime(from).endTime(to))) {
        for (MetricDataResult result : page.metricDataResults()) {
          String[] metricAndStage = byQueryId.get(result.id());
          double sum = result.values().stream().mapToDouble(Double::doubleValue).sum();
          sums.get(metricAndStage[0]).merge(metricAndStage[1], sum, Double::sum);
        }
      }
    }
    return sums;
  }

  @Override
  public String period() {
    return "since " + from + " (CloudWatch, namespace " + RunnelMetrics.NAMESPACE + ")";
  }
}
