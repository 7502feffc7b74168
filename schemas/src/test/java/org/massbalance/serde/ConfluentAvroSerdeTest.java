package org.massbalance.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Site;
import org.massbalance.testing.SampleRecords;

class ConfluentAvroSerdeTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  private static byte[] plainAvro(SpecificRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static byte[] genericAvro(Schema schema, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  @Test
  void serializedRecordIsMagicByteThenBigEndianIdThenPlainAvroBinary() throws IOException {
    // occupy ids so the movement schema gets an id with more than one significant byte
    for (int i = 0; i < 300; i++) {
      registry.register(
          "filler-" + i, Schema.createRecord("Filler" + i, null, "x", false, List.of()));
    }
    ConfluentAvroSerializer<Movement> serializer =
        new ConfluentAvroSerializer<>(Movement.class, registry, false);
    Movement movement = SampleRecords.movement();

    byte[] bytes = serializer.serialize("inventory-movements", movement);

    int id = registry.lookup("inventory-movements-value", Movement.getClassSchema());
    assertThat(id).isEqualTo(301);
    assertThat(bytes[0]).isEqualTo((byte) 0x00);
    assertThat(new byte[] {bytes[1], bytes[2], bytes[3], bytes[4]})
        .containsExactly(0x00, 0x00, 0x01, 0x2d);
    byte[] payload = java.util.Arrays.copyOfRange(bytes, 5, bytes.length);
    assertThat(payload).isEqualTo(plainAvro(movement));
    assertThat(WireFormat.schemaId(bytes)).isEqualTo(301);
  }

  @Test
  void keySerializerUsesTheKeySubject() {
    ConfluentAvroSerializer<Site> serializer =
        new ConfluentAvroSerializer<>(Site.class, registry, true);
    serializer.serialize("sites", SampleRecords.site());
    assertThat(registry.versionCount("sites-key")).isEqualTo(1);
    assertThat(registry.versionCount("sites-value")).isZero();
  }

  @Test
  void everyGeneratedRecordTypeRoundTrips() {
    for (SpecificRecord record : SampleRecords.all()) {
      @SuppressWarnings("unchecked")
      Class<SpecificRecord> type = (Class<SpecificRecord>) record.getClass();
      ConfluentAvroSerde<SpecificRecord> serde = ConfluentAvroSerde.of(type, registry, false);
      byte[] bytes = serde.serializer().serialize("topic-" + type.getSimpleName(), record);
      SpecificRecord back = serde.deserializer().deserialize("any", bytes);
      assertThat(back).as(type.getSimpleName()).isEqualTo(record);
      assertThat(back).isInstanceOf(type);
    }
  }

  @Test
  void nullSerializesToNullAndBack() {
    ConfluentAvroSerde<Movement> serde = ConfluentAvroSerde.of(Movement.class, registry, false);
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void sameSchemaRegisteredTwiceHasOneIdEvenAcrossSubjects() {
    int first = registry.register("a-value", Movement.getClassSchema());
    int second = registry.register("a-value", Movement.getClassSchema());
    int other = registry.register("b-value", Movement.getClassSchema());
    int site = registry.register("a-value", Site.getClassSchema());

    assertThat(second).isEqualTo(first);
    assertThat(other).isEqualTo(first);
    assertThat(site).isNotEqualTo(first);
    assertThat(registry.versionCount("a-value")).isEqualTo(2);
  }

  @Test
  void twoSerializersOfOneTopicWriteTheSameId() {
    byte[] a =
        new ConfluentAvroSerializer<>(Site.class, registry, false)
            .serialize("sites", SampleRecords.site());
    byte[] b =
        new ConfluentAvroSerializer<>(Site.class, registry, false)
            .serialize("sites", SampleRecords.site());
    assertThat(a).isEqualTo(b);
  }

  @Test
  void withoutAutoRegisterTheSchemaMustAlreadyBeRegistered() {
    ConfluentAvroSerializer<Site> serializer = new ConfluentAvroSerializer<>(Site.class);
    InMemorySchemaRegistryClient.dropScope("no-auto");
    Map<String, Object> configs =
        Map.of("schema.registry.url", "mock://no-auto", "auto.register.schemas", "false");
    serializer.configure(configs, false);

    assertThatThrownBy(() -> serializer.serialize("sites", SampleRecords.site()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("sites-value")
        .hasMessageContaining("looking up");

    int id =
        InMemorySchemaRegistryClient.forScope("no-auto")
            .register("sites-value", Site.getClassSchema());
    byte[] bytes = serializer.serialize("sites", SampleRecords.site());
    assertThat(WireFormat.schemaId(bytes)).isEqualTo(id);
    assertThat(InMemorySchemaRegistryClient.forScope("no-auto").versionCount("sites-value"))
        .isEqualTo(1);
  }

  @Test
  void configuredSerdesOfOneMockScopeShareTheRegistry() {
    InMemorySchemaRegistryClient.dropScope("shared");
    Map<String, Object> configs = Map.of("schema.registry.url", "mock://shared");
    ConfluentAvroSerde<Site> writer = ConfluentAvroSerde.of(Site.class, configs, false);
    ConfluentAvroDeserializer<Site> reader = new ConfluentAvroDeserializer<>(Site.class);
    reader.configure(configs, false);

    byte[] bytes = writer.serializer().serialize("sites", SampleRecords.site());
    assertThat(reader.deserialize("sites", bytes)).isEqualTo(SampleRecords.site());
  }

  @Test
  void emptyRecordIsRefused() {
    ConfluentAvroDeserializer<Movement> d =
        new ConfluentAvroDeserializer<>(Movement.class, registry);
    assertThatThrownBy(() -> d.deserialize("t", new byte[0]))
        .isInstanceOf(SerializationException.class)
        .hasMessage("empty record");
  }

  @Test
  void recordShorterThanTheHeaderIsRefused() {
    ConfluentAvroDeserializer<Movement> d =
        new ConfluentAvroDeserializer<>(Movement.class, registry);
    assertThatThrownBy(() -> d.deserialize("t", new byte[] {0, 0, 0, 1}))
        .isInstanceOf(SerializationException.class)
        .hasMessage("record too short for the Confluent wire format (4 bytes)");
  }

  @Test
  void unknownMagicByteIsRefused() {
    ConfluentAvroDeserializer<Movement> d =
        new ConfluentAvroDeserializer<>(Movement.class, registry);
    byte[] json = "{\"movement_id\":\"m-1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThatThrownBy(() -> d.deserialize("t", json))
        .isInstanceOf(SerializationException.class)
        .hasMessage("unknown magic byte 0x7b");
  }

  @Test
  void unknownSchemaIdIsRefused() {
    ConfluentAvroDeserializer<Movement> d =
        new ConfluentAvroDeserializer<>(Movement.class, registry);
    assertThatThrownBy(() -> d.deserialize("t", WireFormat.frame(42, new byte[] {0})))
        .isInstanceOf(SerializationException.class)
        .hasMessage("unknown schema id 42");
  }

  @Test
  void undecodableAvroIsRefused() {
    int id = registry.register("t-value", Movement.getClassSchema());
    ConfluentAvroDeserializer<Movement> d =
        new ConfluentAvroDeserializer<>(Movement.class, registry);
    // union branch index 9 does not exist in ["null","string"]
    byte[] bad = WireFormat.frame(id, new byte[] {18});
    assertThatThrownBy(() -> d.deserialize("t", bad))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("Avro decoding failed: ");
  }

  @Test
  void truncatedAvroIsRefused() throws IOException {
    int id = registry.register("t-value", Movement.getClassSchema());
    byte[] payload = plainAvro(SampleRecords.movement());
    byte[] truncated = WireFormat.frame(id, java.util.Arrays.copyOf(payload, payload.length / 2));
    ConfluentAvroDeserializer<Movement> d =
        new ConfluentAvroDeserializer<>(Movement.class, registry);
    assertThatThrownBy(() -> d.deserialize("t", truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("Avro decoding failed: ");
  }

  @Test
  void trailingBytesAreRefused() throws IOException {
    int id = registry.register("t-value", Site.getClassSchema());
    byte[] payload = plainAvro(SampleRecords.site());
    byte[] longer = WireFormat.frame(id, java.util.Arrays.copyOf(payload, payload.length + 3));
    ConfluentAvroDeserializer<Site> d = new ConfluentAvroDeserializer<>(Site.class, registry);
    assertThatThrownBy(() -> d.deserialize("t", longer))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("trailing bytes");
  }

  @Test
  void olderWriterWithAFieldFewerReadsWithTheDefault() throws IOException {
    Schema older =
        new Schema.Parser()
            .parse(
                """
                {"type":"record","name":"Site","namespace":"org.massbalance.avro","fields":[
                  {"name":"site_id","type":"string"},
                  {"name":"name","type":["null","string"],"default":null},
                  {"name":"time_zone","type":["null","string"],"default":null}]}
                """);
    GenericRecord record = new GenericData.Record(older);
    record.put("site_id", "FRESNO");
    record.put("name", "Fresno warehouse");
    record.put("time_zone", "America/Los_Angeles");
    int id = registry.register("sites-value", older);

    Site site =
        new ConfluentAvroDeserializer<>(Site.class, registry)
            .deserialize("sites", WireFormat.frame(id, genericAvro(older, record)));

    assertThat(site.getSiteId()).isEqualTo("FRESNO");
    assertThat(site.getTimeZone()).isEqualTo("America/Los_Angeles");
    assertThat(site.getCountry()).isNull();
  }

  @Test
  void newerWriterWithAFieldMoreReadsWithoutIt() throws IOException {
    Schema newer =
        new Schema.Parser()
            .parse(
                """
                {"type":"record","name":"Site","namespace":"org.massbalance.avro","fields":[
                  {"name":"site_id","type":"string"},
                  {"name":"name","type":["null","string"],"default":null},
                  {"name":"sales_region","type":"string","default":"west"},
                  {"name":"time_zone","type":["null","string"],"default":null},
                  {"name":"country","type":["null","string"],"default":null},
                  {"name":"capacity_kg","type":"long","default":0}]}
                """);
    GenericRecord record = new GenericData.Record(newer);
    record.put("site_id", "FRESNO");
    record.put("name", "Fresno warehouse");
    record.put("sales_region", "central valley");
    record.put("time_zone", "America/Los_Angeles");
    record.put("country", "US");
    record.put("capacity_kg", 250_000L);
    int id = registry.register("sites-value", newer);

    Site site =
        new ConfluentAvroDeserializer<>(Site.class, registry)
            .deserialize("sites", WireFormat.frame(id, genericAvro(newer, record)));

    assertThat(site).isEqualTo(SampleRecords.site());
  }

  @Test
  void serializerIsSafeToShareAcrossThreads() throws Exception {
    ConfluentAvroSerde<Movement> serde = ConfluentAvroSerde.of(Movement.class, registry, false);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        tasks.add(
            () -> {
              for (int i = 0; i < 2_000; i++) {
                Movement m =
                    Movement.newBuilder(SampleRecords.movement())
                        .setMovementId("m-" + thread + "-" + i)
                        .setQuantity(i + "." + thread)
                        .build();
                byte[] bytes = serde.serializer().serialize("inventory-movements", m);
                if (!serde.deserializer().deserialize("inventory-movements", bytes).equals(m)) {
                  return false;
                }
              }
              return true;
            });
      }
      for (Future<Boolean> result : pool.invokeAll(tasks)) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(registry.versionCount("inventory-movements-value")).isEqualTo(1);
  }

  @Test
  void frameAndSchemaIdAreInverse() {
    byte[] framed = WireFormat.frame(0x01020304, new byte[] {9, 8});
    assertThat(framed).containsExactly(0, 1, 2, 3, 4, 9, 8);
    assertThat(WireFormat.schemaId(framed)).isEqualTo(0x01020304);
    assertThat(ByteBuffer.wrap(framed, 1, 4).getInt()).isEqualTo(0x01020304);
  }
}
