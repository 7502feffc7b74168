package org.massbalance.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
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
import org.massbalance.avro.Product;

/**
 * The product record gained {@code gtin} (optional, default null, last field) for lot labels:
 * products written with the first schema still read (no GTIN), and readers of the first schema
 * still read new records (full compatibility, as the registry checks it).
 */
class ProductEvolutionTest {

  private static Schema firstSchema() throws IOException {
    try (InputStream in = ProductEvolutionTest.class.getResourceAsStream("/Product-v1.avsc")) {
      return new Schema.Parser().parse(in);
    }
  }

  @Test
  void shouldBeFullyCompatibleWithTheFirstSchema() throws IOException {
    Schema first = firstSchema();
    Schema current = Product.getClassSchema();
    assertThat(first.getField("gtin")).isNull();
    assertThat(current.getFields().get(current.getFields().size() - 1).name()).isEqualTo("gtin");
    assertThat(current.getField("gtin").defaultVal())
        .isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, first).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(first, current).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void shouldReadAProductWrittenWithTheFirstSchemaWithoutGtin() throws IOException {
    Schema first = firstSchema();
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    int id = registry.register("products-value", first);
    GenericRecord old = new GenericData.Record(first);
    old.put("product_id", "ALMONDS");
    old.put("name", "Organic almonds");
    old.put("unit", "lb");
    old.put("organic", true);
    old.put("tolerance_pct", "5.0");
    old.put("lot_prefix", "ALM");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(first).write(old, encoder);
    encoder.flush();

    Product read =
        new ConfluentAvroDeserializer<>(Product.class, registry)
            .deserialize("products", out.toByteArray());

    assertThat(read.getProductId()).isEqualTo("ALMONDS");
    assertThat(read.getLotPrefix()).isEqualTo("ALM");
    assertThat(read.getGtin()).isNull();
  }

  @Test
  void shouldLetAReaderOfTheFirstSchemaReadAProductWithAGtin() throws IOException {
    Product current =
        Product.newBuilder()
            .setProductId("ALMONDS")
            .setName("Organic almonds")
            .setGtin("00614141123452")
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<Product>(Product.getClassSchema()).write(current, encoder);
    encoder.flush();

    GenericRecord old =
        new GenericDatumReader<GenericRecord>(Product.getClassSchema(), firstSchema())
            .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));

    assertThat(old.get("product_id").toString()).isEqualTo("ALMONDS");
    assertThat(old.get("name").toString()).isEqualTo("Organic almonds");
    assertThat(old.getSchema().getField("gtin")).isNull();
  }
}
