package org.massbalance.engine.export;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.massbalance.avro.PeriodSignOff;
import org.massbalance.avro.SignOff;
import org.massbalance.avro.Snapshot;
import org.massbalance.commandline.ClusterCheck;
import org.massbalance.commandline.ClusterOptions;
import org.massbalance.engine.domain.SignOffRules;
import org.massbalance.serde.ConfluentAvroSerializer;
import org.massbalance.topics.TopicDefaults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code massbalance signoff}: signs off a site's closed month for every product with a closed
 * snapshot of it (read from the snapshot topic), writing one sign-off per product to {@code
 * period-signoffs}, then waits for the engine to publish each signed month (revision and snapshot
 * SHA-256) on {@code mass-balance-signoffs} and prints it. A month signed already is named, not
 * signed again.
 */
@Command(
    name = "signoff",
    mixinStandardHelpOptions = true,
    description =
        "Sign off a site's closed month: one sign-off per product with a closed snapshot, then"
            + " the revision and snapshot SHA-256 the engine signed.")
public final class SignOffCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--site", required = true, paramLabel = "S", description = "The site.")
  String site;

  @Option(names = "--period", required = true, paramLabel = "yyyy-MM", description = "The month.")
  String period;

  @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who signs.")
  String by;

  @Option(names = "--note", paramLabel = "T", description = "A note kept with the sign-off.")
  String note;

  @Option(
      names = "--wait-seconds",
      defaultValue = "60",
      paramLabel = "N",
      description = "How long to wait for the engine's signed months (default ${DEFAULT-VALUE}).")
  int waitSeconds;

  @Mixin ClusterOptions cluster;

  private final Clock clock;

  /** The command, signing at the wall clock's time. */
  public SignOffCommand() {
    this(Clock.systemUTC());
  }

  SignOffCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String at = clock.instant().toString();
    SignOffRules.Result checked =
        SignOffRules.validate(signOff(site, "product", period, by, at, note));
    if (checked.rejection() != null) {
      err.println("signoff: " + checked.rejection().reason());
      return 2;
    }
    SignOffRules.Valid v = checked.accepted();
    Map<String, Object> settings = cluster.clientSettings();
    ClusterCheck.require(settings);
    Map<String, PeriodSignOff> signedBefore =
        SnapshotExport.latestRevisions(settings, TopicDefaults.SIGNED, PeriodSignOff.class);
    List<Snapshot> closed =
        SnapshotExport.latest(settings, TopicDefaults.SNAPSHOTS, v.period().toString(), v.siteId());
    if (closed.isEmpty()) {
      err.println("signoff: no closed snapshot of " + v.period() + " at site " + v.siteId());
      return 1;
    }
    List<String> waiting = new ArrayList<>();
    try (KafkaProducer<String, SignOff> producer = producer(settings)) {
      for (Snapshot s : closed) {
        String key = s.getSiteId() + "|" + s.getProductId() + "|" + s.getPeriod();
        PeriodSignOff known = signedBefore.get(key);
        if (known != null) {
          out.println(
              "signed already: "
                  + key
                  + " revision "
                  + known.getRevision()
                  + " by "
                  + known.getSignedBy()
                  + " at "
                  + known.getSignedAt());
          continue;
        }
        producer
            .send(
                new ProducerRecord<>(
                    TopicDefaults.SIGNOFFS,
                    s.getSiteId() + "|" + s.getProductId(),
                    signOff(
                        s.getSiteId(),
                        s.getProductId(),
                        s.getPeriod(),
                        v.signedBy(),
                        at,
                        v.note())))
            .get(30, TimeUnit.SECONDS);
        waiting.add(key);
      }
    }
    Instant deadline = clock.instant().plus(Duration.ofSeconds(waitSeconds));
    Map<String, PeriodSignOff> signed = new LinkedHashMap<>();
    while (!waiting.isEmpty()) {
      Map<String, PeriodSignOff> now =
          SnapshotExport.latestRevisions(settings, TopicDefaults.SIGNED, PeriodSignOff.class);
      for (String key : List.copyOf(waiting)) {
        PeriodSignOff s = now.get(key);
        if (s != null && at.equals(s.getSignedAt())) {
          signed.put(key, s);
          waiting.remove(key);
          out.println(
              "signed: "
                  + key
                  + " revision "
                  + s.getRevision()
                  + " snapshot sha256 "
                  + s.getSnapshotSha256());
        }
      }
      if (!waiting.isEmpty() && clock.instant().isAfter(deadline)) {
        err.println(
            "signoff: written, but the engine has not signed "
                + String.join(", ", waiting)
                + " within "
                + waitSeconds
                + " s (is it running? see the rejected topic for a month it refused)");
        return 1;
      }
      if (!waiting.isEmpty()) {
        Thread.sleep(500);
      }
    }
    out.flush();
    return 0;
  }

  private static SignOff signOff(
      String site, String product, String period, String by, String at, String note) {
    return SignOff.newBuilder()
        .setSiteId(site)
        .setProductId(product)
        .setPeriod(period)
        .setSignedBy(by)
        .setSignedAt(at)
        .setNote(note)
        .build();
  }

  private static KafkaProducer<String, SignOff> producer(Map<String, Object> settings) {
    Properties p = new Properties();
    settings.forEach(
        (k, val) -> {
          if (ProducerConfig.configNames().contains(k)) {
            p.put(k, val);
          }
        });
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    ConfluentAvroSerializer<SignOff> values = new ConfluentAvroSerializer<>(SignOff.class);
    values.configure(settings, false);
    return new KafkaProducer<>(p, new StringSerializer(), values);
  }
}
