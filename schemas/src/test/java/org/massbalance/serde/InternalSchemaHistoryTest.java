package org.massbalance.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.massbalance.avro.ImportCertificate;
import org.massbalance.avro.Investigation;
import org.massbalance.avro.internal.ConsolidatedState;
import org.massbalance.avro.internal.ImportCertificateDraw;
import org.massbalance.avro.internal.ImportCertificateEntry;
import org.massbalance.avro.internal.ImportCertificateState;
import org.massbalance.avro.internal.InvestigationCase;
import org.massbalance.avro.internal.LedgerInput;
import org.massbalance.avro.internal.PeriodState;
import org.massbalance.avro.internal.SignOffInput;
import org.massbalance.avro.internal.SiteFigures;
import org.massbalance.avro.internal.TransformationRecord;
import org.massbalance.avro.internal.TransformationReport;
import org.massbalance.avro.internal.TransformationState;

/**
 * Every class the engine keeps or moves with {@link InternalAvroSerde} (state stores, internal
 * topics) has its writer schema recorded for each generation: the current schema is the last
 * recorded one, so a change of a schema that records were written with fails here until the change
 * gets the next generation ({@code internal-schemas/<full name>.<n+1>.avsc}, the new schema), and
 * records of every earlier generation still read.
 */
class InternalSchemaHistoryTest {

  static List<Class<? extends SpecificRecord>> internalClasses() {
    return List.of(
        ConsolidatedState.class,
        ImportCertificate.class,
        ImportCertificateDraw.class,
        ImportCertificateEntry.class,
        ImportCertificateState.class,
        Investigation.class,
        InvestigationCase.class,
        LedgerInput.class,
        PeriodState.class,
        SiteFigures.class,
        SignOffInput.class,
        TransformationRecord.class,
        TransformationReport.class,
        TransformationState.class);
  }

  @ParameterizedTest
  @MethodSource("internalClasses")
  void shouldRecordTheCurrentSchemaAsTheLastGeneration(Class<? extends SpecificRecord> type)
      throws Exception {
    Schema current = (Schema) type.getField("SCHEMA$").get(null);
    List<Schema> generations = InternalAvroSerde.generations(current);
    assertThat(generations)
        .as(
            "internal-schemas/%s.<n>.avsc: record the schema of each generation (add the next"
                + " one when the schema changes)",
            current.getFullName())
        .isNotEmpty();
    assertThat(SchemaNormalization.toParsingForm(generations.get(generations.size() - 1)))
        .as("the current schema of %s is its last recorded generation", current.getFullName())
        .isEqualTo(SchemaNormalization.toParsingForm(current));
  }

  @ParameterizedTest
  @MethodSource("internalClasses")
  void shouldReadARecordOfEveryEarlierGeneration(Class<? extends SpecificRecord> type)
      throws Exception {
    Schema current = (Schema) type.getField("SCHEMA$").get(null);
    List<Schema> generations = InternalAvroSerde.generations(current);
    InternalAvroSerde<? extends SpecificRecord> serde = InternalAvroSerde.of(type);
    for (int g = 1; g <= generations.size(); g++) {
      byte[] bytes = written(generations.get(g - 1), g);
      assertThat(serde.deserialize(bytes)).as("generation %d of %s", g, type).isNotNull();
    }
  }

  /** A record of {@code schema} with every field at a plain value, as generation {@code g}. */
  private static byte[] written(Schema schema, int g) throws IOException {
    GenericRecord r = (GenericRecord) GenericData.get().newRecord(null, schema);
    fill(r, schema);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(g);
    BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(r, e);
    e.flush();
    return out.toByteArray();
  }

  private static void fill(GenericRecord r, Schema schema) {
    for (Schema.Field f : schema.getFields()) {
      r.put(f.pos(), value(f.schema()));
    }
  }

  private static Object value(Schema s) {
    switch (s.getType()) {
      case UNION:
        for (Schema branch : s.getTypes()) {
          if (branch.getType() == Schema.Type.NULL) {
            return null;
          }
        }
        return value(s.getTypes().get(0));
      case STRING:
        return "1";
      case INT:
        return 1;
      case LONG:
        return 1L;
      case BOOLEAN:
        return true;
      case BYTES:
        return java.nio.ByteBuffer.wrap(new byte[] {1});
      case ARRAY:
        return new GenericData.Array<>(0, s);
      case MAP:
        return new java.util.HashMap<String, Object>();
      case ENUM:
        return new GenericData.EnumSymbol(s, s.getEnumSymbols().get(0));
      case RECORD:
        GenericRecord nested = new GenericData.Record(s);
        fill(nested, s);
        return nested;
      default:
        throw new IllegalArgumentException("no plain value for " + s);
    }
  }
}
