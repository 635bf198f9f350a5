package dev.runnel.examples.pageviews;

import dev.runnel.examples.BundledInput;
import dev.runnel.examples.OutOfOrder;
import dev.runnel.examples.pageviews.PageViews.MinuteViews;
import dev.runnel.examples.pageviews.PageViews.PageView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;

/**
 * Generates the bundled input of {@link PageViews}: 320 views over 15 minutes, out of order by less than the job's
 * 10 seconds, and among the last 40 lines 6 views stamped half an hour before the newest view so far, far beyond the
 * allowed lateness. Run {@code main} to rewrite the file; {@code PageViewsInputTest} checks it is current.
 */
public final class PageViewsInput {
  static final BundledInput FILE = new BundledInput("pageviews", "pageviews-in");
  static final long START = 1_763_700_000_000L; // 2025-11-21T04:40:00Z
  static final long SPAN = 15 * 60_000L;
  static final long OUT_OF_ORDER_MILLIS = 10_000;
  static final long LATENESS_MILLIS = 30_000;
  static final int ON_TIME = 320;
  static final int LATE = 6;
  private static final String[] PAGES = {"/", "/", "/", "/pricing", "/pricing", "/docs", "/docs", "/blog", "/signup",
      "/careers"};
  private static final String[] USERS = {"ana", "ben", "chen", "dara", "eli", "fay", "gus", "hana", "ivo", "jo"};

  private PageViewsInput() {}

  /** The views, in input order. */
  static List<PageView> views() {
    Random random = new Random(20_251_121);
    List<PageView> onTime = new ArrayList<>();
    for (int i = 0; i < ON_TIME; i++) {
      onTime.add(new PageView("", USERS[random.nextInt(USERS.length)], PAGES[random.nextInt(PAGES.length)],
          START + random.nextLong(SPAN)));
    }
    onTime.sort(java.util.Comparator.comparingLong(PageView::at));
    List<PageView> arriving = new ArrayList<>(OutOfOrder.shuffle(onTime, PageView::at, OUT_OF_ORDER_MILLIS - 1_000,
        random));
    for (int n = 0; n < LATE; n++) {
      int at = ON_TIME - 40 + random.nextInt(40);
      long newest = arriving.subList(0, at).stream().mapToLong(PageView::at).max().orElseThrow();
      arriving.add(at, new PageView("", USERS[random.nextInt(USERS.length)], PAGES[random.nextInt(PAGES.length)],
          newest - 30 * 60_000L - random.nextLong(120_000)));
    }
    List<PageView> numbered = new ArrayList<>();
    for (PageView view : arriving) {
      numbered.add(new PageView("v%03d".formatted(numbered.size() + 1), view.user(), view.page(), view.at()));
    }
    return numbered;
  }

  /**
   * The reference of lateness: the views that are late, i.e. whose minute's last millisecond plus the allowed
   * lateness the watermark (the newest time seen before them, minus the bound on out-of-orderness) has passed.
   */
  static List<PageView> late(List<PageView> inInputOrder) {
    List<PageView> late = new ArrayList<>();
    long newest = Long.MIN_VALUE;
    for (PageView view : inInputOrder) {
      long watermark = newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest - OUT_OF_ORDER_MILLIS;
      if (minuteOf(view.at()) + 60_000 - 1 + LATENESS_MILLIS <= watermark) {
        late.add(view);
      } else {
        newest = Math.max(newest, view.at());
      }
    }
    return late;
  }

  /**
   * The reference of the counts: each page's views per minute, from {@code inInputOrder} leaving out its late views,
   * by {@code page@minute}.
   */
  static Map<String, MinuteViews> minuteCounts(List<PageView> inInputOrder) {
    List<PageView> late = late(inInputOrder);
    Map<String, MinuteViews> expected = new TreeMap<>();
    for (PageView view : inInputOrder) {
      if (!late.contains(view)) {
        String minute = Instant.ofEpochMilli(minuteOf(view.at())).toString();
        String id = view.page() + "@" + minute;
        MinuteViews before = expected.get(id);
        expected.put(id, new MinuteViews(id, view.page(), minute, before == null ? 1 : before.views() + 1, 0));
      }
    }
    return expected;
  }

  /** The start of the minute holding {@code at}. */
  static long minuteOf(long at) {
    return at - Math.floorMod(at, 60_000L);
  }

  public static void main(String[] args) throws Exception {
    FILE.write(views());
  }
}
