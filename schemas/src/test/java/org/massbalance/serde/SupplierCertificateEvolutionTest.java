package org.massbalance.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.SupplierCertificate;

/**
 * The certificate record gained {@code recorded_at} and {@code anniversary} (optional, default
 * null): records written with the first schema still read, and readers of the first schema still
 * read new records (full compatibility).
 */
class SupplierCertificateEvolutionTest {

  private static Schema firstSchema() throws IOException {
    try (InputStream in =
        SupplierCertificateEvolutionTest.class.getResourceAsStream(
            "/SupplierCertificate-v1.avsc")) {
      return new Schema.Parser().parse(in);
    }
  }

  @Test
  void shouldBeFullyCompatibleWithTheFirstSchema() throws IOException {
    Schema first = firstSchema();
    Schema current = SupplierCertificate.getClassSchema();
    assertThat(first.getField("recorded_at")).isNull();
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, first).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(first, current).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void shouldReadARecordWrittenWithTheFirstSchemaWithNullRecordedAtAndAnniversary()
      throws IOException {
    Schema first = firstSchema();
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    int id = registry.register("supplier-certificates-value", first);
    GenericRecord old = new GenericData.Record(first);
    old.put("nop_id", "8150000016");
    old.put("operation_name", "Old Farm");
    old.put("certifier", "CCOF");
    old.put("status", "CERTIFIED");
    old.put("status_effective", "2020-01-01");
    old.put("scopes", List.of("CROPS"));
    old.put("expires_on", null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(first).write(old, encoder);
    encoder.flush();

    SupplierCertificate read =
        new ConfluentAvroDeserializer<>(SupplierCertificate.class, registry)
            .deserialize("supplier-certificates", out.toByteArray());

    assertThat(read.getNopId()).isEqualTo("8150000016");
    assertThat(read.getStatus()).isEqualTo("CERTIFIED");
    assertThat(read.getScopes()).containsExactly("CROPS");
    assertThat(read.getRecordedAt()).isNull();
    assertThat(read.getAnniversary()).isNull();
  }

  @Test
  void shouldLetAReaderOfTheFirstSchemaReadANewRecord() throws IOException {
    SupplierCertificate current =
        SupplierCertificate.newBuilder()
            .setNopId("8150000016")
            .setStatus("CERTIFIED")
            .setRecordedAt(1_700_000_000_000L)
            .setAnniversary("2025-03-01")
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<SupplierCertificate>(SupplierCertificate.getClassSchema())
        .write(current, encoder);
    encoder.flush();

    GenericRecord old =
        new GenericDatumReader<GenericRecord>(SupplierCertificate.getClassSchema(), firstSchema())
            .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));

    assertThat(old.get("nop_id").toString()).isEqualTo("8150000016");
    assertThat(old.getSchema().getField("recorded_at")).isNull();
  }
}
