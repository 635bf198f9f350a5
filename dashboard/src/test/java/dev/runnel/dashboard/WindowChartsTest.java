package dev.runnel.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.comments.LiveComments;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which sinks are charted and how their records become series. */
class WindowChartsTest {
  private final Plan plan = Planner.plan(LiveComments.class);

  @Test
  void liveCommentsChartsItsPerMinuteTableOnce() {
    assertThat(new WindowCharts(plan).chartedSinks()).extracting(OutputSpec::name)
        .containsExactly("comments-sentiment-per-minute");
  }

  @Test
  void eachStreamIsASeriesOfItsMinutesInTimeOrderWithEveryNumberField() {
    List<String> records = List.of(
        minute("live-202", "2025-11-21T05:21:00Z", 0, 1, 2),
        minute("live-101", "2025-11-21T05:21:00Z", 3, 0, 0),
        minute("live-101", "2025-11-21T05:20:00Z", 1, 1, 0),
        "not json");
    List<WindowChart> charts = new WindowCharts(plan).charts(Map.of("comments-sentiment-per-minute", records));

    assertThat(charts).hasSize(1);
    WindowChart chart = charts.get(0);
    assertThat(chart.keyField()).isEqualTo("streamId");
    assertThat(chart.timeField()).isEqualTo("minute");
    assertThat(chart.fields()).containsExactly("positive", "neutral", "negative", "total");
    assertThat(chart.series()).extracting(WindowChart.Series::key).containsExactly("live-101", "live-202");
    WindowChart.Series live101 = chart.series().get(0);
    assertThat(live101.times()).containsExactly("2025-11-21T05:20:00Z", "2025-11-21T05:21:00Z");
    assertThat(live101.values().get("positive")).containsExactly(1.0, 3.0);
    assertThat(live101.values().get("total")).containsExactly(2.0, 3.0);
  }

  @Test
  void aSinkWithoutRecordsOrWithoutATimeFieldHasNoChart() {
    assertThat(new WindowCharts(plan).charts(Map.of())).isEmpty();
    assertThat(WindowCharts.chart("s", "k", List.of("{\"k\":\"a\",\"n\":1}"))).isEmpty();
  }

  private static String minute(String stream, String minute, long positive, long neutral, long negative) {
    return "{\"slot\":\"" + stream + "@" + minute + "\",\"streamId\":\"" + stream + "\",\"minute\":\"" + minute
        + "\",\"positive\":" + positive + ",\"neutral\":" + neutral + ",\"negative\":" + negative + ",\"total\":"
        + (positive + neutral + negative) + "}";
  }
}
