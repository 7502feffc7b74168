package org.massbalance.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AdvertisedHostTest {

  private static final Supplier<String> MACHINE = () -> "engine-0.massbalance.prod.svc";
  private static final Supplier<String> NOT_ASKED =
      () -> {
        throw new AssertionError("the machine's name is not needed");
      };

  @Test
  void shouldAdvertiseTheConfiguredHost() {
    assertThat(AdvertisedHost.resolve("engine-1.massbalance", "0.0.0.0", NOT_ASKED))
        .isEqualTo("engine-1.massbalance");
  }

  @Test
  void shouldKeepAnExplicitLoopbackNameForTheLocalStack() {
    assertThat(AdvertisedHost.resolve("localhost", "0.0.0.0", NOT_ASKED)).isEqualTo("localhost");
  }

  @Test
  void shouldAdvertiseTheBindAddressWhenItIsNotAWildcard() {
    assertThat(AdvertisedHost.resolve(null, "127.0.0.2", NOT_ASKED)).isEqualTo("127.0.0.2");
    assertThat(AdvertisedHost.resolve(" ", "10.1.2.3", NOT_ASKED)).isEqualTo("10.1.2.3");
  }

  @Test
  void shouldAdvertiseTheMachinesCanonicalNameWhenBoundToEveryAddress() {
    assertThat(AdvertisedHost.resolve("", "0.0.0.0", MACHINE))
        .isEqualTo("engine-0.massbalance.prod.svc");
    assertThat(AdvertisedHost.resolve(null, "::", MACHINE))
        .isEqualTo("engine-0.massbalance.prod.svc");
  }

  @Test
  void shouldRefuseToAdvertiseAWildcard() {
    for (String wildcard : new String[] {"0.0.0.0", "::", "[::]"}) {
      assertThatThrownBy(() -> AdvertisedHost.resolve(wildcard, "0.0.0.0", MACHINE))
          .isInstanceOf(StartupException.class)
          .hasMessageContaining("api.advertised.host=" + wildcard)
          .hasMessageContaining("no other instance can reach");
    }
  }

  @Test
  void shouldRefuseWhenTheMachineHasNoName() {
    assertThatThrownBy(() -> AdvertisedHost.resolve(null, "0.0.0.0", () -> null))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("set api.advertised.host");
  }

  @Test
  void shouldWarnOnlyWhenADerivedHostIsALoopbackAddress() {
    assertThat(AdvertisedHost.loopbackWarning(null, "127.0.0.1"))
        .hasValueSatisfying(w -> assertThat(w).contains("set api.advertised.host"));
    assertThat(AdvertisedHost.loopbackWarning("localhost", "localhost")).isEmpty();
    assertThat(AdvertisedHost.loopbackWarning("", "10.1.2.3")).isEmpty();
  }
}
