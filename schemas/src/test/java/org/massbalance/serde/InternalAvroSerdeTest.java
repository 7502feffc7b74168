package org.massbalance.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Snapshot;
import org.massbalance.testing.SampleRecords;

class InternalAvroSerdeTest {

  @Test
  void layoutIsVersionByteThenPlainAvroBinary() throws IOException {
    Snapshot snapshot = SampleRecords.snapshot();
    byte[] bytes = InternalAvroSerde.of(Snapshot.class).serializer().serialize("x", snapshot);

    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(plain, null);
    new SpecificDatumWriter<>(Snapshot.class).write(snapshot, encoder);
    encoder.flush();

    assertThat(bytes[0]).isEqualTo(InternalAvroSerde.FORMAT_VERSION);
    assertThat(Arrays.copyOfRange(bytes, 1, bytes.length)).isEqualTo(plain.toByteArray());
  }

  @Test
  void everyGeneratedRecordTypeRoundTrips() {
    for (SpecificRecord record : SampleRecords.all()) {
      @SuppressWarnings("unchecked")
      Class<SpecificRecord> type = (Class<SpecificRecord>) record.getClass();
      InternalAvroSerde<SpecificRecord> serde = InternalAvroSerde.of(type);
      byte[] bytes = serde.serializer().serialize("store", record);
      assertThat(serde.deserializer().deserialize("store", bytes)).isEqualTo(record);
    }
  }

  @Test
  void nullIsNull() {
    InternalAvroSerde<Snapshot> serde = InternalAvroSerde.of(Snapshot.class);
    assertThat(serde.serialize(null)).isNull();
    assertThat(serde.deserialize(null)).isNull();
  }

  @Test
  void badBytesAreRefusedWithTheirReason() {
    InternalAvroSerde<Snapshot> serde = InternalAvroSerde.of(Snapshot.class);
    assertThatThrownBy(() -> serde.deserialize(new byte[0]))
        .isInstanceOf(SerializationException.class)
        .hasMessage("empty record");
    assertThatThrownBy(() -> serde.deserialize(new byte[] {0x07, 1, 2}))
        .isInstanceOf(SerializationException.class)
        .hasMessage("unknown internal format version 0x07");
    assertThatThrownBy(() -> serde.deserialize(new byte[] {0x01, 2}))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("Avro decoding failed: ");
  }

  @Test
  void shouldReadARecordWrittenBeforeFieldsWithDefaultsWereAppended() throws IOException {
    // MovementTrace as it was before counterparty_id, document_ref, to_site_id and reason.
    org.apache.avro.Schema current = org.massbalance.avro.internal.MovementTrace.getClassSchema();
    org.apache.avro.Schema before = InternalAvroSerde.earlierLayouts(current).get(3);
    assertThat(before.getFields()).hasSize(current.getFields().size() - 4);
    org.apache.avro.generic.GenericRecord old =
        new org.apache.avro.generic.GenericData.Record(before);
    old.put("movement_id", "s1");
    old.put("type", "SALE");
    old.put("epoch_second", 1_700_000_000L);
    old.put("nano", 0);
    old.put("quantity_kg", "12.5");
    old.put("allocations", java.util.List.of());
    old.put("uncovered_kg", "12.5");
    old.put("named_lot_id", null);
    old.put("named_lot_unknown", false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(InternalAvroSerde.FORMAT_VERSION);
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new org.apache.avro.generic.GenericDatumWriter<org.apache.avro.generic.GenericRecord>(before)
        .write(old, encoder);
    encoder.flush();

    org.massbalance.avro.internal.MovementTrace read =
        InternalAvroSerde.of(org.massbalance.avro.internal.MovementTrace.class)
            .deserialize(out.toByteArray());

    assertThat(read.getMovementId()).isEqualTo("s1");
    assertThat(read.getUncoveredKg()).isEqualTo("12.5");
    assertThat(read.getDocumentRef()).isNull();
    assertThat(read.getReason()).isNull();
    // Bytes of no layout at all still fail.
    assertThatThrownBy(
            () ->
                InternalAvroSerde.of(org.massbalance.avro.internal.MovementTrace.class)
                    .deserialize(new byte[] {InternalAvroSerde.FORMAT_VERSION, 7}))
        .isInstanceOf(SerializationException.class);
  }
}
