package org.massbalance.producers.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.massbalance.avro.Product;
import org.massbalance.avro.Site;
import org.massbalance.avro.SupplierCertificate;

/**
 * Sites (US time zones and a few abroad), products (kg or lb) and supplier certificates (mostly
 * CERTIFIED) of a workload: a pure function of the seed and the counts.
 */
public final class ReferenceData {

  private static final String[][] US_ZONES = {
    {"America/Los_Angeles"},
    {"America/Denver"},
    {"America/Chicago"},
    {"America/New_York"},
    {"America/Phoenix"},
    {"Pacific/Honolulu"}
  };
  private static final String[][] ABROAD = {
    {"Europe/Amsterdam", "NL"},
    {"America/Mexico_City", "MX"},
    {"America/Toronto", "CA"},
    {"America/Lima", "PE"}
  };
  private static final String[] STATUSES = {"SUSPENDED", "REVOKED", "SURRENDERED"};

  private final List<Site> sites;
  private final List<Product> products;
  private final List<SupplierCertificate> certificates;

  private ReferenceData(
      List<Site> sites, List<Product> products, List<SupplierCertificate> certificates) {
    this.sites = List.copyOf(sites);
    this.products = List.copyOf(products);
    this.certificates = List.copyOf(certificates);
  }

  /** Site id of index i (S0001...). */
  public static String siteId(int i) {
    return String.format("S%04d", i + 1);
  }

  /** Product id of index i (P000001...). */
  public static String productId(int i) {
    return String.format("P%06d", i + 1);
  }

  /** Number of suppliers for a product count: one per ten products, at least 20. */
  public static int supplierCount(int products) {
    return Math.max(20, products / 10);
  }

  /** 10-digit NOP ID of supplier i. */
  public static String nopId(int i) {
    return String.format("8%09d", 150_000_000L + i * 7919L % 850_000_000L);
  }

  /** The reference data of a config (seeded apart from the movements). */
  public static ReferenceData of(WorkloadConfig c) {
    SplittableRandom r = new SplittableRandom(c.seed() ^ 0x5EEDL);
    List<Site> sites = new ArrayList<>(c.sites());
    for (int i = 0; i < c.sites(); i++) {
      boolean abroad = i % 8 == 7;
      String zone;
      String country;
      if (abroad) {
        String[] z = ABROAD[(i / 8) % ABROAD.length];
        zone = z[0];
        country = z[1];
      } else {
        zone = US_ZONES[i % US_ZONES.length][0];
        country = "US";
      }
      sites.add(
          new Site(siteId(i), "Warehouse " + (i + 1), zone, country, null, null, null, null, null));
    }
    List<Product> products = new ArrayList<>(c.products());
    for (int i = 0; i < c.products(); i++) {
      String unit = i % 3 == 0 ? "lb" : "kg";
      boolean organic = r.nextInt(10) != 0;
      String tolerance = i % 5 == 0 ? "2.5" : "5.0";
      products.add(
          new Product(
              productId(i), "Product " + (i + 1), unit, organic, tolerance, "L" + (i + 1), null));
    }
    int n = supplierCount(c.products());
    List<SupplierCertificate> certs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      boolean certified = i % 7 != 3; // about 86 % certified
      String status = certified ? "CERTIFIED" : STATUSES[i % STATUSES.length];
      String effective = certified ? "2020-01-15" : "2025-06-01";
      String expires = i % 11 == 5 ? "2026-03-31" : null;
      certs.add(
          new SupplierCertificate(
              nopId(i),
              "Supplier " + (i + 1),
              "Certifier " + (1 + i % 4),
              status,
              effective,
              List.of("CROPS", "HANDLING"),
              expires,
              null,
              null));
    }
    return new ReferenceData(sites, products, certs);
  }

  /** Sites in index order. */
  public List<Site> sites() {
    return sites;
  }

  /** Products in index order. */
  public List<Product> products() {
    return products;
  }

  /** Supplier certificates in index order. */
  public List<SupplierCertificate> certificates() {
    return certificates;
  }
}
