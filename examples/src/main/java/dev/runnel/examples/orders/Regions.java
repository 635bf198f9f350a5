package dev.runnel.examples.orders;

import java.util.Map;

/** Which fulfilment region serves a country. */
final class Regions {
  private static final Map<String, String> REGION_BY_COUNTRY = Map.of(
      "DE", "eu-central", "FR", "eu-central", "NL", "eu-central", "IE", "eu-west", "GB", "eu-west",
      "US", "us-east", "CA", "us-east", "BR", "sa-east", "JP", "ap-northeast", "AU", "ap-southeast");

  private Regions() {}

  /** The region serving the country; throws for a country no region serves. */
  static String of(String country) {
    String region = REGION_BY_COUNTRY.get(country);
    if (region == null) {
      throw new IllegalArgumentException("no fulfilment region serves country '" + country + "'");
    }
    return region;
  }
}
