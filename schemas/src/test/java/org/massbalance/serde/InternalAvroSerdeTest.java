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
}
