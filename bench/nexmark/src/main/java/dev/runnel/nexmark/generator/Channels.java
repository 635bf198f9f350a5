package dev.runnel.nexmark.generator;

import java.util.SplittableRandom;

/**
 * Where bids come from: four hot channels with fixed URLs, and 10,000 channels "channel-i" whose URLs are made once,
 * 90 % of them with a {@code channel_id} parameter (NEXMARK_SPEC §2.5).
 */
final class Channels {
  static final String[] HOT_CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};
  static final int CHANNELS = 10_000;
  private final String[] hotUrls = new String[HOT_CHANNELS.length];
  private final String[] urls = new String[CHANNELS];

  Channels(long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
    for (int i = 0; i < hotUrls.length; i++) {
      hotUrls[i] = url(random);
    }
    for (int i = 0; i < urls.length; i++) {
      urls[i] = random.nextInt(10) > 0 ? url(random) + "&channel_id=" + Math.abs(Integer.reverse(i)) : url(random);
    }
  }

  private static String url(SplittableRandom random) {
    return "https://www.nexmark.com/" + RandomText.word(random, 5, '_') + "/" + RandomText.word(random, 5, '_') + "/"
        + RandomText.word(random, 5, '_') + "/item.htm?query=1";
  }

  /** The name of hot channel {@code i} (0-3), or of "channel-i" with {@code hot} false. */
  static String name(boolean hot, int i) {
    return hot ? HOT_CHANNELS[i] : "channel-" + i;
  }

  /** Its URL. */
  String url(boolean hot, int i) {
    return hot ? hotUrls[i] : urls[i];
  }
}
