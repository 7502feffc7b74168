package org.massbalance.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.massbalance.engine.config.EngineConfig;

/** At start, unknown keys are told once (or refused when strict) and bad values stop the start. */
class StartupSettingsTest {

  private final List<String> warnings = new ArrayList<>();

  private static Properties settings(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.put(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  @Test
  void shouldNameEveryUnknownKeyInOneWarningWithTheClosestKnownKey() {
    EngineConfig config =
        EngineRunner.configure(
            settings("comit.interval.ms", "200", "api.tokn", "secret", "api.port", "0"),
            false,
            warnings::add);

    assertThat(config.getInt(EngineConfig.API_PORT_CONFIG)).isZero();
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0))
        .contains("unknown settings")
        .contains("api.tokn (did you mean api.token?)")
        .contains("comit.interval.ms (did you mean commit.interval.ms?)")
        .contains("except api.tokn (ignored)")
        .contains("--strict");
  }

  @Test
  void shouldSayAnUnknownKeyInAnEngineNamespaceIsIgnored() {
    EngineRunner.configure(settings("topic.alertz", "replay-alerts"), false, warnings::add);

    assertThat(warnings)
        .containsExactly(
            "unknown setting topic.alertz (did you mean topic.alerts?); it is ignored; check the"
                + " spelling (run --strict refuses to start with unknown settings)");
  }

  @Test
  void shouldWarnAboutNothingWhenEveryKeyIsKnown() {
    EngineRunner.configure(
        settings(
            "topic.alerts", "replay-alerts",
            "commit.interval.ms", "200",
            "producer.linger.ms", "5",
            "topic.min.insync.replicas", "1",
            "basic.auth.user.info", "u:p"),
        false,
        warnings::add);

    assertThat(warnings).isEmpty();
  }

  @Test
  void shouldRefuseUnknownKeysWhenStrict() {
    assertThatThrownBy(
            () ->
                EngineRunner.configure(
                    settings("comit.interval.ms", "200", "api.tokn", "secret"),
                    true,
                    warnings::add))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("unknown settings api.tokn (did you mean api.token?),")
        .hasMessageContaining("comit.interval.ms (did you mean commit.interval.ms?)")
        .hasMessageContaining("correct or remove them")
        .hasMessageNotContaining("Kafka gets");
    assertThat(warnings).isEmpty();
  }

  @Test
  void shouldStopOnAnInvalidValueOfAKafkaStreamsKeyWithAReadableMessage() {
    assertThatThrownBy(
            () ->
                EngineRunner.configure(
                    settings("num.stream.threads", "many"), false, warnings::add))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("num.stream.threads")
        .hasMessageContaining("correct it");
  }

  @Test
  void shouldStopOnAnInvalidValueOfAnEngineKeyWithAReadableMessage() {
    assertThatThrownBy(
            () -> EngineRunner.configure(settings("api.port", "70000"), false, warnings::add))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("api.port");
  }

  @Test
  void shouldGiveTheTopicCheckOnlyAdminSettingsWithTheAdminPrefixOverThem() {
    EngineConfig config =
        EngineRunner.configure(
            settings(
                "bootstrap.servers", "kafka:9092",
                "security.protocol", "SSL",
                "retries", "3",
                "admin.retries", "7",
                "producer.linger.ms", "5",
                "topic.alerts", "replay-alerts",
                "topic.min.insync.replicas", "2"),
            false,
            warnings::add);

    assertThat(EngineRunner.adminSettings(config))
        .containsEntry("bootstrap.servers", "kafka:9092")
        .containsEntry("security.protocol", "SSL")
        .containsEntry("retries", "7")
        .containsEntry("client.id", "massbalance-engine-topic-check")
        .doesNotContainKeys(
            "producer.linger.ms", "linger.ms", "topic.alerts", "topic.min.insync.replicas");
  }
}
