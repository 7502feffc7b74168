package org.massbalance.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Movement;
import org.massbalance.avro.RejectedRecord;

class AvroTrustTest {

  @Test
  void generatedPackageIsTrustedOnceASerdeExists() {
    new ConfluentAvroDeserializer<>(Movement.class, new InMemorySchemaRegistryClient());

    assertThat(Arrays.stream(System.getProperty(AvroTrust.PROPERTY).split(",")).map(String::trim))
        .contains("org.massbalance.avro");
    assertThat(ClassSecurityValidator.getGlobal().isTrusted(Movement.class)).isTrue();
    assertThat(ClassSecurityValidator.getGlobal().isTrusted(RejectedRecord.class)).isTrue();
  }

  @Test
  void otherPackagesStayUntrusted() {
    AvroTrust.ensure();
    assertThat(ClassSecurityValidator.getGlobal().isTrusted(java.util.Scanner.class)).isFalse();
  }

  @Test
  void trustingTwiceKeepsOneEntry() {
    AvroTrust.trustPackage("org.massbalance.avro");
    long count =
        Arrays.stream(System.getProperty(AvroTrust.PROPERTY).split(","))
            .filter(p -> p.trim().equals("org.massbalance.avro"))
            .count();
    assertThat(count).isEqualTo(1);
  }
}
