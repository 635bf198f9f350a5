package dev.runnel.operations.target;

import dev.runnel.infra.stack.RunnelMetrics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/**
 * Sums of the {@code Runnel} metrics (namespace {@link RunnelMetrics#NAMESPACE}, dimensions {@code Job} and
 * {@code Stage}) the stage functions publish, per stage, from the stack's creation (at most CloudWatch's 455 days) to
 * now, in one-day periods: {@code ListMetrics} finds the stages that published, {@code GetMetricData} sums them.
 */
final class CloudWatchMetrics implements JobMetrics {
  private static final Duration RETENTION = Duration.ofDays(455);
  private static final int DAY_SECONDS = 86_400;

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
    Map<String, String> queryIds = new HashMap<>();
    java.util.List<MetricDataQuery> queries = new java.util.ArrayList<>();
    for (Metric metric : cloudWatch.listMetricsPaginator(b -> b.namespace(RunnelMetrics.NAMESPACE).metricName(name)
        .dimensions(DimensionFilter.builder().name(RunnelMetrics.JOB).value(job).build())).metrics()) {
      String stage = metric.dimensions().stream().filter(d -> d.name().equals(RunnelMetrics.STAGE))
          .map(Dimension::value).findFirst().orElse(null);
      if (stage == null || metric.dimensions().size() != 2 || queryIds.containsValue(stage)) {
        continue;
      }
      String id = "m" + queries.size();
      queryIds.put(id, stage);
      queries.add(MetricDataQuery.builder().id(id).metricStat(s -> s.metric(metric).period(DAY_SECONDS).stat("Sum"))
          .build());
    }
    Map<String, Double> sums = new HashMap<>();
    if (queries.isEmpty()) {
      return sums;
    }
    Instant to = Instant.now().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MINUTES);
    for (GetMetricDataResponse page : cloudWatch.getMetricDataPaginator(b -> b.metricDataQueries(queries)
        .startTime(from).endTime(to))) {
      for (MetricDataResult result : page.metricDataResults()) {
        double sum = result.values().stream().mapToDouble(Double::doubleValue).sum();
        sums.merge(queryIds.get(result.id()), sum, Double::sum);
      }
    }
    return sums;
  }

  @Override
  public String period() {
    return "since " + from + " (CloudWatch, namespace " + RunnelMetrics.NAMESPACE + ")";
  }
}
