package org.massbalance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Product;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.avro.Transformation;
import org.massbalance.local.LocalStack;
import org.massbalance.serde.ConfluentAvroSerializer;
import org.massbalance.serde.RestSchemaRegistryClient;
import org.massbalance.topics.TopicDefaults;

/**
 * Reliability, schema registry away (issue 7): the registry is down when the engine starts, and
 * goes away again for 30 s in the middle of a run. While it is away the engine must need it: the
 * first month closes (its first snapshot and consolidated snapshot are written), producers that
 * upgraded their schema write movements under a new schema id, and a new product and a new supplier
 * certificate arrive under new schema ids too. The engine (a separate process, never restarted)
 * must log a clear error, keep retrying rather than reject, default or stop, and once the registry
 * is back process every record exactly once: everything equals the {@link ContractModel}.
 *
 * <p>{@code -Dit.test=RegistryAwaySuite} ({@code -Dregistry.records=N}, {@code -Dregistry.seed=S}).
 */
class RegistryAwaySuite {

  private static final String APP_ID = "massbalance-registry";
  private static final Duration AWAY_AT_START = Duration.ofSeconds(15);
  private static final Duration AWAY_MID_RUN = Duration.ofSeconds(30);

  /** The engine's own error line (Kafka Streams logs the stack trace besides). */
  private static final String CLEAR_ERROR =
      "ERROR org.massbalance.engine.runtime.EngineRunner - schema registry unavailable, will retry";

  @TempDir Path tmp;

  @Test
  void engineWaitsForTheRegistryAndThenProcessesEveryRecordOnce() throws Exception {
    int records = Integer.getInteger("registry.records", 40_000);
    long seed = Long.getLong("registry.seed", 20251128L);
    Random random = new Random(seed);
    Instant began = Instant.now();
    // Phases, by record index: A written before the start; B processed before the outage; C1
    // (old schema; the new product and certificate in use from its start, the first months
    // closing by stream time near its end) and C2 (some under the new schema) during it; D after.
    int a = records / 10;
    int b = records / 4;
    int c1 = records * 36 / 100;
    int late = b + records / 200;
    int c = records * 60 / 100;
    EngineProcess engine = null;
    try (LocalStack stack = ItSupport.startStack(tmp.resolve("stack"));
        Admin admin = ItSupport.admin(stack)) {
      int partitions = ReliabilitySupport.partitions(stack);
      // transformations from phase B on (phase A, with the input products' stock, is processed
      // before B is sent)
      ReliabilityWorkload workload =
          ReliabilityWorkload.generate(seed, records, partitions, late, a);
      List<ReliabilityWorkload.Sent> sent = workload.sent();
      ReliabilitySupport.loadReference(stack);
      String registryUrl = stack.registryUrl();
      RestSchemaRegistryClient registry =
          new RestSchemaRegistryClient(Map.of("schema.registry.url", registryUrl));
      Schema movementV2 = upgraded(Movement.getClassSchema());
      Schema productV2 = upgraded(Product.getClassSchema());
      Schema certificateV2 = upgraded(SupplierCertificate.getClassSchema());
      int movementV2Id =
          registry.register(
              ConfluentAvroSerializer.subject(TopicDefaults.MOVEMENTS, false), movementV2);
      int productV2Id =
          registry.register(
              ConfluentAvroSerializer.subject(TopicDefaults.PRODUCTS, false), productV2);
      int certificateV2Id =
          registry.register(
              ConfluentAvroSerializer.subject(TopicDefaults.CERTIFICATES, false), certificateV2);
      try (Producer<String, byte[]> raw = rawProducer(stack);
          ConfluentAvroSerializer<Movement> v1 = new ConfluentAvroSerializer<>(Movement.class);
          ConfluentAvroSerializer<Transformation> transformations =
              new ConfluentAvroSerializer<>(Transformation.class)) {
        v1.configure(Map.of("schema.registry.url", registryUrl), false);
        transformations.configure(Map.of("schema.registry.url", registryUrl), false);
        // registered (and its id kept by the serializer) while the registry is there
        transformations.serialize(
            TopicDefaults.TRANSFORMATIONS, Transformation.newBuilder().build());
        Serializers v1s = new Serializers(v1, transformations);
        Properties settings =
            ReliabilitySupport.engineSettings(stack, tmp.resolve("state"), APP_ID);
        engine = new EngineProcess(tmp.resolve("engine"), settings);

        // Away at start.
        send(raw, v1s, sent.subList(0, a), null, 0, random);
        stack.registry().stop();
        Instant started = Instant.now();
        engine.start();
        EngineProcess e = engine;
        assertThat(
                ReliabilitySupport.poll(
                    () -> ReliabilitySupport.lines(e.log(), CLEAR_ERROR) >= 1,
                    Duration.ofSeconds(90)))
            .as("the engine logs a clear error about the registry, and retries")
            .isTrue();
        Thread.sleep(
            Math.max(0, AWAY_AT_START.minus(Duration.between(started, Instant.now())).toMillis()));
        assertThat(engine.isAlive()).as("engine alive while the registry is away").isTrue();
        assertThat(ReliabilitySupport.lag(admin, APP_ID))
            .as("nothing processed (nor rejected) without the registry")
            .isEqualTo(a);
        long errorsAtStart = ReliabilitySupport.lines(engine.log(), CLEAR_ERROR);
        Duration awayAtStart = Duration.between(started, Instant.now());
        stack.registry().start();
        ReliabilitySupport.Recovery startRecovery =
            ReliabilitySupport.awaitCaughtUp(admin, APP_ID, engine, Duration.ofMinutes(3));

        // Processed before the outage. A new product and a new supplier certificate arrive under
        // new schema ids (the engine keeps their bytes; it reads them when they are first used,
        // from the first records of C1 on).
        send(
            raw,
            TopicDefaults.PRODUCTS,
            ReliabilityWorkload.LATE_PRODUCT.getProductId(),
            framed(productV2Id, productV2, ReliabilityWorkload.LATE_PRODUCT));
        send(
            raw,
            TopicDefaults.CERTIFICATES,
            ReliabilityWorkload.LATE_CERTIFICATE.getNopId(),
            framed(certificateV2Id, certificateV2, ReliabilityWorkload.LATE_CERTIFICATE));
        send(raw, v1s, sent.subList(a, b), null, 0, random);
        ReliabilitySupport.awaitCaughtUp(admin, APP_ID, engine, Duration.ofMinutes(3));

        // Away mid-run. While it is away: the new product and certificate are first used; the
        // first months close (the first snapshots, under schemas not registered yet); producers
        // that upgraded their schema write under its new id.
        stack.registry().stop();
        Instant stopped = Instant.now();
        send(raw, v1s, sent.subList(b, c1), null, 0, random);
        EngineProcess running = engine;
        ReliabilitySupport.poll(
            () -> !running.isAlive() || lagOrMinusOne(admin) == 0, Duration.ofSeconds(10));
        assertThat(engine.isAlive())
            .as("engine alive after its first month-end with the registry away")
            .isTrue();
        int upgraded = send(raw, v1s, sent.subList(c1, c), movementV2, movementV2Id, random);
        Thread.sleep(
            Math.max(0, AWAY_MID_RUN.minus(Duration.between(stopped, Instant.now())).toMillis()));
        assertThat(engine.isAlive()).as("engine alive while the registry is away").isTrue();
        long lagWhenBack = ReliabilitySupport.lag(admin, APP_ID);
        long errorsMidRun = ReliabilitySupport.lines(engine.log(), CLEAR_ERROR) - errorsAtStart;
        Duration awayMidRun = Duration.between(stopped, Instant.now());
        stack.registry().start();
        Instant back = Instant.now();
        upgraded += send(raw, v1s, sent.subList(c, sent.size()), movementV2, movementV2Id, random);
        ReliabilitySupport.awaitCaughtUp(admin, APP_ID, engine, Duration.ofMinutes(3));
        Duration midRunRecovery = Duration.between(back, Instant.now());

        List<String> fatal = ReliabilitySupport.fatalLines(engine.log());
        ModelComparison.Result result =
            ModelComparison.compare(stack, engine.apiUrl(), workload.model());
        String figures =
            String.format(
                "registry away: %d records (seed %d; %d transformations), %d under a new schema"
                    + " id, %d movements applied%n"
                    + "at start: away %.1f s, %d clear errors logged, nothing processed or"
                    + " rejected meanwhile; registry back -> caught up %.1f s%n"
                    + "mid-run: away %.1f s, %d clear errors logged, %d records waiting when it"
                    + " came back; registry back -> caught up %.1f s%n"
                    + "engine: %d process, %d fatal state changes%n"
                    + "compared: %s%n"
                    + "run time %.0f s",
                records,
                seed,
                workload.transformationsSent(),
                upgraded,
                workload.model().applied(),
                awayAtStart.toMillis() / 1000.0,
                errorsAtStart,
                startRecovery.caughtUp().toMillis() / 1000.0,
                awayMidRun.toMillis() / 1000.0,
                errorsMidRun,
                lagWhenBack,
                midRunRecovery.toMillis() / 1000.0,
                engine.starts(),
                fatal.size(),
                result,
                Duration.between(began, Instant.now()).toMillis() / 1000.0);
        ReliabilitySupport.report("RegistryAwaySuite", figures);
        assertThat(fatal).as("Kafka Streams left RUNNING for good").isEmpty();
        assertThat(engine.isAlive()).isTrue();
        assertThat(engine.starts()).as("engine processes started").isEqualTo(1);
        assertThat(errorsMidRun)
            .as("clear errors while the registry was away mid-run")
            .isPositive();
        assertThat(result.mismatches()).as("mismatches with the model").isEmpty();
        assertThat(result.mismatchCount()).isZero();
      } finally {
        if (engine != null) {
          engine.close();
          engine.keepLogs("RegistryAwaySuite");
        }
      }
    }
  }

  /** The serializers of the first schemas (their ids kept from before the outages). */
  private record Serializers(
      ConfluentAvroSerializer<Movement> movements,
      ConfluentAvroSerializer<Transformation> transformations) {}

  /**
   * Sends records in order on one producer (transformations to their topic, under the first
   * schema); with {@code v2}, about one movement in five goes under the upgraded schema's id.
   * Returns how many did.
   */
  private static int send(
      Producer<String, byte[]> raw,
      Serializers v1,
      List<ReliabilityWorkload.Sent> records,
      Schema v2,
      int v2Id,
      Random random)
      throws Exception {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    int upgraded = 0;
    for (ReliabilityWorkload.Sent s : records) {
      if (s.transformation() != null) {
        byte[] value =
            v1.transformations().serialize(TopicDefaults.TRANSFORMATIONS, s.transformation());
        acks.add(raw.send(new ProducerRecord<>(TopicDefaults.TRANSFORMATIONS, s.key(), value)));
        continue;
      }
      byte[] value;
      if (v2 != null && random.nextInt(5) == 0) {
        value = framed(v2Id, v2, s.movement());
        upgraded++;
      } else {
        value = v1.movements().serialize(TopicDefaults.MOVEMENTS, s.movement());
      }
      acks.add(raw.send(new ProducerRecord<>(TopicDefaults.MOVEMENTS, s.key(), value)));
    }
    raw.flush();
    for (Future<RecordMetadata> f : acks) {
      f.get();
    }
    return upgraded;
  }

  private static long lagOrMinusOne(Admin admin) {
    try {
      return ReliabilitySupport.lag(admin, APP_ID);
    } catch (Exception e) {
      return -1;
    }
  }

  private static void send(Producer<String, byte[]> raw, String topic, String key, byte[] value)
      throws Exception {
    raw.send(new ProducerRecord<>(topic, key, value)).get();
  }

  /** The schema as a producer upgrade would change it: one more optional field. */
  static Schema upgraded(Schema schema) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : schema.getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    fields.add(
        new Schema.Field(
            "note",
            Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
            "Added by a producer upgrade.",
            Schema.Field.NULL_DEFAULT_VALUE));
    return Schema.createRecord(
        schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
  }

  /** {@code record} written with {@code schema} in the Confluent wire format under {@code id}. */
  static byte[] framed(int id, Schema schema, SpecificRecord record) {
    GenericRecord g = new GenericData.Record(schema);
    for (Schema.Field f : record.getSchema().getFields()) {
      g.put(f.name(), record.get(f.pos()));
    }
    g.put("note", "written under schema id " + id);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(schema).write(g, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Producer<String, byte[]> rawProducer(LocalStack stack) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }
}
