package org.massbalance.engine.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
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

  /**
   * What to say when a derived advertised host is a loopback address: fine for one instance (it
   * never forwards) or all on one host, not for instances on other hosts. Empty when {@code
   * configured} was set (an explicit choice) or the address is not a loopback one.
   */
  static Optional<String> loopbackWarning(String configured, String advertised) {
    if (configured != null && !configured.isBlank()) {
      return Optional.empty();
    }
    try {
      if (!InetAddress.getByName(advertised).isLoopbackAddress()) {
        return Optional.empty();
      }
      return Optional.of(
          "this instance advertises "
              + advertised
              + " to the others, a loopback address: fine for one instance or all on this host;"
              + " with instances on other hosts set "
              + EngineConfig.API_ADVERTISED_HOST_CONFIG
              + " to a name they can reach");
    } catch (UnknownHostException e) {
      return Optional.of(
          "this instance advertises " + advertised + ", which does not resolve here");
    }
  }

  static boolean isWildcard(String host) {
    return WILDCARDS.contains(host.toLowerCase(Locale.ROOT));
  }
}
