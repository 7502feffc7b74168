package org.massbalance.engine.runtime;

import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.massbalance.engine.config.EngineConfig;

/**
 * The host an instance advertises to the others for interactive queries ({@code
 * application.server}): {@code api.advertised.host} when set, else the bind address {@code
 * api.host}, else, when that is a wildcard, this machine's canonical host name. A wildcard is never
 * advertised: nobody can reach {@code 0.0.0.0}. A loopback name is kept only when set explicitly
 * (the local stack, where every instance runs on one host).
 */
final class AdvertisedHost {

  private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]", "*", "");

  private AdvertisedHost() {}

  /**
   * The advertised host from the configured {@code api.advertised.host} (null or blank: not set),
   * the bind address and this machine's canonical host name (asked only when needed).
   *
   * @throws StartupException when the advertised host is a wildcard address
   */
  static String resolve(String configured, String bindHost, Supplier<String> canonicalHostName) {
    if (configured != null && !configured.isBlank()) {
      String host = configured.trim();
      if (isWildcard(host)) {
        throw new StartupException(
            EngineConfig.API_ADVERTISED_HOST_CONFIG
                + "="
                + host
                + " is a wildcard address that no other instance can reach: set it to this"
                + " instance's host name or address (e.g. the pod's DNS name), or leave it unset");
      }
      return host;
    }
    if (bindHost != null && !isWildcard(bindHost.trim())) {
      return bindHost.trim();
    }
    String name = canonicalHostName.get();
    if (name == null || isWildcard(name.trim())) {
      throw new StartupException(
          "cannot tell which host to advertise to other instances: set "
              + EngineConfig.API_ADVERTISED_HOST_CONFIG);
    }
    return name.trim();
  }

  static boolean isWildcard(String host) {
    return WILDCARDS.contains(host.toLowerCase(Locale.ROOT));
  }
}
