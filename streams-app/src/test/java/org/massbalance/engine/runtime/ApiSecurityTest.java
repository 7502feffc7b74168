package org.massbalance.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.massbalance.engine.api.ApiServer;
import org.massbalance.engine.config.EngineConfig;

/** What the engine refuses to start with, before it talks to Kafka (ADR 25). */
class ApiSecurityTest {

  private static final String READER = "Vq3pX9sL2mTe8RwZc1Yb4NhK";
  private static final String WRITER = "Jd7fQ2kP9sXe4LmV8cRt1ZwA";
  private static final String SECRET = "Hn5bT8yU3iO1pL6kJ9gF2dS0";

  private static ApiServer.Settings settings(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.put(kv[i], kv[i + 1]);
    }
    return ApiSecurity.settings(new EngineConfig(p), 0);
  }

  /** A start with these settings, against no broker: refused before Kafka is asked. */
  private static void startRefused(String message, String... kv) {
    Properties p = new Properties();
    p.put("bootstrap.servers", "127.0.0.1:1");
    for (int i = 0; i < kv.length; i += 2) {
      p.put(kv[i], kv[i + 1]);
    }
    assertThatThrownBy(() -> EngineRunner.start(p))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining(message);
  }

  @Test
  void shouldRefuseToStartOpenOnANonLoopbackAddress() {
    startRefused("api.host=0.0.0.0 is reachable from other machines and no token is set");
    startRefused("api.host=0.0.0.0", "api.host", "0.0.0.0");
    assertThatThrownBy(() -> settings("api.host", "::"))
        .hasMessageContaining("set api.auth.disabled=true");
  }

  @Test
  void shouldStartOpenOnLoopbackOrWhenAuthIsDisabledExplicitly() {
    assertThat(settings("api.host", "127.0.0.1").access().isOpen()).isTrue();
    assertThat(settings("api.host", "localhost").access().isOpen()).isTrue();
    assertThat(settings("api.host", "0.0.0.0", "api.auth.disabled", "true").access().isOpen())
        .isTrue();
  }

  @Test
  void shouldRefuseATokenShorterThan24Characters() {
    startRefused(
        "api.tokens.read: a token of 19 characters is too short",
        "api.tokens.read",
        "Vq3pX9sL2mTe8RwZc1Y",
        "api.tokens.write",
        WRITER,
        "api.internal.secret",
        SECRET);
    startRefused("api.token: a token of 10 characters is too short", "api.token", "Vq3pX9sL2m");
  }

  @Test
  void shouldRefuseAPlaceholderToken() {
    startRefused("api.token holds a placeholder ('changeme')", "api.token", "change-me");
    startRefused(
        "api.tokens.write holds a placeholder ('changeme')",
        "api.tokens.write",
        "CHANGE-ME-CHANGE-ME-CHANGE-ME",
        "api.internal.secret",
        SECRET);
    assertThatThrownBy(() -> settings("api.token", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"))
        .hasMessageContaining("not random enough");
  }

  @Test
  void shouldNeverNameTheTokenInItsMessage() {
    assertThatThrownBy(() -> settings("api.tokens.read", "Vq3pX9sL2mTe"))
        .message()
        .doesNotContain("Vq3pX9sL2mTe");
  }

  @Test
  void shouldNeedTheInternalSecretWithTokens() {
    assertThatThrownBy(() -> settings("api.tokens.read", READER, "api.tokens.write", WRITER))
        .hasMessageContaining("api.internal.secret is not");
    assertThatThrownBy(
            () ->
                settings(
                    "api.tokens.read", READER,
                    "api.tokens.write", WRITER,
                    "api.internal.secret", READER))
        .hasMessageContaining("must differ from every token");
  }

  @Test
  void shouldGiveEachTokenOneRole() {
    assertThatThrownBy(
            () ->
                settings(
                    "api.tokens.read", READER,
                    "api.tokens.write", READER,
                    "api.internal.secret", SECRET))
        .hasMessageContaining("a token has one role");
  }

  @Test
  void shouldRefuseDisabledAuthWithTokens() {
    assertThatThrownBy(
            () ->
                settings(
                    "api.token", WRITER,
                    "api.internal.secret", SECRET,
                    "api.auth.disabled", "true"))
        .hasMessageContaining("api.auth.disabled=true and tokens are set");
  }

  @Test
  void shouldTakeSeveralTokensOfEachRoleForRotationAndApiTokenAsAWriter() {
    ApiServer.Settings s =
        settings(
            "api.host",
            "0.0.0.0",
            "api.tokens.read",
            READER + ", " + READER.toLowerCase(),
            "api.tokens.write",
            WRITER,
            "api.token",
            SECRET.toUpperCase() + "x",
            "api.internal.secret",
            SECRET);
    assertThat(s.access().role("Bearer " + READER.toLowerCase()))
        .hasValue(org.massbalance.engine.api.ApiAccess.Role.READ);
    assertThat(s.access().role("Bearer " + SECRET.toUpperCase() + "x"))
        .hasValue(org.massbalance.engine.api.ApiAccess.Role.WRITE);
    assertThat(s.scheme()).isEqualTo("http");
  }

  @Test
  void shouldRefuseAKeyStoreThatCannotBeRead() {
    assertThatThrownBy(
            () ->
                settings(
                    "api.host", "127.0.0.1",
                    "api.tls.keystore.location", "/nowhere/api.p12",
                    "api.tls.keystore.password", "x"))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("api.tls.keystore.location=/nowhere/api.p12: no such file");
  }

  @Test
  void shouldKnowLoopbackAddresses() {
    assertThat(ApiSecurity.isLoopback("127.0.0.1")).isTrue();
    assertThat(ApiSecurity.isLoopback("::1")).isTrue();
    assertThat(ApiSecurity.isLoopback("0.0.0.0")).isFalse();
    assertThat(ApiSecurity.isLoopback("")).isFalse();
  }
}
