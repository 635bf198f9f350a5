package dev.runnel.cli;

import dev.runnel.dashboard.Dashboard;
import dev.runnel.dashboard.local.LocalRunFigures;
import dev.runnel.localrunner.run.RunObserver;
import dev.runnel.plan.Plan;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * The dashboard of a local run ({@code run --ui}): on loopback before the run starts, following it while it goes, and
 * showing its final figures after it ended, until closed.
 */
final class LiveDashboard implements AutoCloseable {
  private static final Duration READ_EVERY = Duration.ofSeconds(1);

  private final LocalRunFigures figures;
  private final Dashboard dashboard;

  private LiveDashboard(LocalRunFigures figures, Dashboard dashboard) {
    this.figures = figures;
    this.dashboard = dashboard;
  }

  /** Serves the dashboard of a run of {@code plan} on 127.0.0.1:{@code port} (0: a free port). */
  static LiveDashboard open(Plan plan, int port) {
    LocalRunFigures figures = new LocalRunFigures(plan, Clock.systemUTC());
    return new LiveDashboard(figures, Dashboard.start(figures, port, READ_EVERY));
  }

  /** What the run reports to, once its stages have started. */
  RunObserver observer() {
    return figures;
  }

  /** Where the page is. */
  URI url() {
    return dashboard.url();
  }

  /** Reads the run's figures one last time and shows them as final; call before the run's emulators stop. */
  void runEnded() {
    figures.finish();
    dashboard.refresh();
  }

  @Override
  public void close() {
    dashboard.close();
  }
}
