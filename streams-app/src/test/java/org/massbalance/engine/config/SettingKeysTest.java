package org.massbalance.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.massbalance.engine.config.SettingKeys.UnknownSetting;

/** A misspelt key is named, with the key it most likely means. */
class SettingKeysTest {

  @Test
  void shouldNameEachUnknownKeyWithTheClosestKnownKey() {
    assertThat(
            SettingKeys.unknown(
                Map.of(
                    "comit.interval.ms", "200",
                    "api.tokn", "secret",
                    "topic.alertz", "replay-alerts",
                    "producer.lingr.ms", "20",
                    "API.PORT", "0",
                    "commit.interval.ms", "100",
                    "topic.alerts", "replay-alerts")))
        .containsExactly(
            new UnknownSetting("API.PORT", Optional.of("api.port"), false),
            new UnknownSetting("api.tokn", Optional.of("api.token"), false),
            new UnknownSetting("comit.interval.ms", Optional.of("commit.interval.ms"), true),
            new UnknownSetting("producer.lingr.ms", Optional.of("producer.linger.ms"), true),
            new UnknownSetting("topic.alertz", Optional.of("topic.alerts"), false));
  }

  @Test
  void shouldSuggestNothingWhenNoKnownKeyIsClose() {
    assertThat(SettingKeys.closest("com.example.setter.block.size")).isEmpty();
    assertThat(SettingKeys.unknown(Map.of("zzz", "1")))
        .containsExactly(new UnknownSetting("zzz", Optional.empty(), true));
  }

  @Test
  void shouldSayDidYouMeanInTheDescription() {
    assertThat(new UnknownSetting("api.tokn", Optional.of("api.token"), false))
        .hasToString("api.tokn (did you mean api.token?)");
    assertThat(new UnknownSetting("zzz", Optional.empty(), true)).hasToString("zzz");
  }

  @Test
  void shouldKnowEveryEngineKafkaAndRegistryKey() {
    assertThat(SettingKeys.unknown(Map.of("topic.movements", "m", "linger.ms", "5"))).isEmpty();
    assertThat(SettingKeys.isKnown("schema.registry.ssl.key.password")).isTrue();
    assertThat(SettingKeys.isKnown("metrics.context.region")).isTrue();
    assertThat(SettingKeys.isKnown("client.tag.zone")).isTrue();
  }

  @Test
  void shouldCountATranspositionAsOneEdit() {
    assertThat(SettingKeys.distance("api.toekn", "api.token")).isEqualTo(1);
    assertThat(SettingKeys.distance("api.tokn", "api.token")).isEqualTo(1);
    assertThat(SettingKeys.distance("", "abc")).isEqualTo(3);
  }
}
