package org.massbalance.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * Alert ids are name-based UUIDs (version 3) of what the alert is about; {@link AlertIds} computes
 * them with one MD5 per thread and must give exactly the JDK's {@link UUID#nameUUIDFromBytes}.
 */
class AlertIdProperties {

  @Property(tries = 3000)
  void shouldGiveTheJdksNameBasedUuidForEveryName(@ForAll @Size(max = 300) byte[] name) {
    assertThat(AlertIds.nameUuid(name)).isEqualTo(UUID.nameUUIDFromBytes(name));
  }

  @Property(tries = 500)
  void shouldNameAnAlertByTheJdksUuidOfItsSubject(
      @ForAll AlertType type, @ForAll String movement, @ForAll String site) {
    String name =
        String.join("\u001f", "massbalance-alert-v1", type.name(), movement, site, "", "", "", "");
    assertThat(AlertIds.of(type, movement, site, null, null, null, null))
        .isEqualTo(
            UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString());
  }
}
