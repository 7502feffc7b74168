package org.massbalance.commandline;

import picocli.CommandLine.Option;

/**
 * The engine's HTTP API for a command that reads it: {@code --api URL [--token T]}. {@code --token}
 * is declared here once; {@code --api} by the variant a command mixes in, because it is required by
 * some commands and optional for others: {@link Required} ({@code audit}), or a command's own
 * subclass ({@code export}, where only some tables need the API).
 */
public abstract class ApiOptions {

  @Option(names = "--token", paramLabel = "T", description = "The API's bearer token.")
  String token;

  /** The API's URL, or null when the command's {@code --api} is optional and was not given. */
  public abstract String url();

  /** The bearer token, or null when none was given. */
  public String token() {
    return token;
  }

  /** {@code --api URL} required, {@code --token T} optional. */
  public static final class Required extends ApiOptions {

    @Option(
        names = "--api",
        required = true,
        paramLabel = "URL",
        description = "The engine's HTTP API, e.g. http://localhost:8080.")
    String api;

    @Override
    public String url() {
      return api;
    }
  }
}
