package org.massbalance.producers.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.avro.Movement;

class MovementGeneratorTest {

  private static final Pattern QUANTITY = Pattern.compile("^[+-]?[0-9]+(\\.[0-9]{1,6})?$");
  private static final Set<String> UNITS = Set.of("kg", "g", "t", "lb", "oz");

  private static WorkloadConfig config(long seed, long movements, double faultRate) {
    return new WorkloadConfig(
        seed, 10, 30, 250, movements, LocalDate.of(2026, 1, 1), 28, faultRate, "m-");
  }

  private static List<Movement> all(WorkloadConfig c) {
    List<Movement> list = new ArrayList<>();
    new MovementGenerator(c).forEachRemaining(list::add);
    return list;
  }

  @Test
  void the_same_seed_gives_the_same_records_and_another_seed_others() {
    assertThat(all(config(7, 5000, 0.02))).isEqualTo(all(config(7, 5000, 0.02)));
    assertThat(all(config(7, 5000, 0.02))).isNotEqualTo(all(config(8, 5000, 0.02)));
  }

  @Test
  void the_same_seed_writes_byte_identical_csv(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    for (Path p : List.of(a, b)) {
      try (CsvMovementSink sink = new CsvMovementSink(p)) {
        sink.reference(ReferenceData.of(config(3, 2000, 0.05)));
        GenerateCommand.pump(
            new MovementGenerator(config(3, 2000, 0.05)),
            new Throttler(0, Throttler.SYSTEM),
            sink,
            null);
      }
    }
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    assertThat(Files.readAllLines(a)).hasSize(2001);
    assertThat(Files.readAllLines(a).get(0)).startsWith("movement_id,type,occurred_at,site_id");
    assertThat(Files.readAllBytes(CsvMovementSink.referenceFile(a, "sites")))
        .isEqualTo(Files.readAllBytes(CsvMovementSink.referenceFile(b, "sites")));
    assertThat(Files.readAllLines(CsvMovementSink.referenceFile(a, "products"))).hasSize(31);
  }

  @Test
  void faults_come_at_about_the_configured_rate_and_nowhere_else() {
    WorkloadConfig c = config(11, 50_000, 0.02);
    MovementGenerator g = new MovementGenerator(c);
    long bad = 0;
    Map<String, Movement> seen = new HashMap<>();
    while (g.hasNext()) {
      Movement m = g.next();
      Movement earlier = seen.putIfAbsent(m.getMovementId(), m);
      boolean conflicting = earlier != null && !earlier.equals(m);
      if (conflicting || !valid(m)) {
        bad++;
      }
    }
    assertThat(g.faults()).isEqualTo(bad);
    assertThat(bad).isBetween(800L, 1200L); // 2 % of 50k = 1000
  }

  @Test
  void without_faults_every_record_keeps_the_contract_rules_and_keys_stay_in_range() {
    WorkloadConfig c = config(5, 20_000, 0);
    Set<String> keys = new HashSet<>();
    Map<String, Integer> types = new HashMap<>();
    for (Movement m : all(c)) {
      assertThat(valid(m)).as(m.toString()).isTrue();
      keys.add(MovementGenerator.key(m));
      types.merge(m.getType(), 1, Integer::sum);
    }
    assertThat(keys).hasSizeLessThanOrEqualTo(250).hasSizeGreaterThan(240);
    assertThat(types.keySet())
        .containsExactlyInAnyOrder("RECEIPT", "SALE", "WASTE", "TRANSFER", "ADJUSTMENT", "COUNT");
  }

  @Test
  void reference_data_has_zones_abroad_units_and_uncertified_suppliers() {
    ReferenceData r = ReferenceData.of(config(1, 0, 0));
    assertThat(r.sites()).anyMatch(s -> !"US".equals(s.getCountry()));
    assertThat(r.products()).anyMatch(p -> "lb".equals(p.getUnit()));
    assertThat(r.certificates()).anyMatch(x -> !"CERTIFIED".equals(x.getStatus()));
    assertThat(r.certificates()).allMatch(x -> x.getNopId().matches("[0-9]{10}"));
  }

  private static boolean valid(Movement m) {
    if (!QUANTITY.matcher(m.getQuantity()).matches() || !UNITS.contains(m.getUnit())) {
      return false;
    }
    try {
      LocalDateTime.parse(m.getOccurredAt());
    } catch (RuntimeException e) {
      return false;
    }
    boolean negative = m.getQuantity().startsWith("-");
    return !negative || "ADJUSTMENT".equals(m.getType());
  }
}
