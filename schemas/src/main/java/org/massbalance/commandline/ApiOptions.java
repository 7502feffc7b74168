package org.massbalance.commandline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The engine's HTTP API for a command that reads it: {@code --api URL [--token T | --token-file
 * FILE]}, the token also from the environment variable {@code MASSBALANCE_API_TOKEN} (a token on
 * the command line shows in {@code ps}; a file or the environment does not). {@code --token} and
 * {@code --token-file} are declared here once; {@code --api} by the variant a command mixes in,
 * because it is required by some commands and optional for others: {@link Required} ({@code
 * audit}), or a command's own subclass ({@code export}, where only some tables need the API).
 */
public abstract class ApiOptions {

  /** The environment variable holding the API token when no option gives one. */
  public static final String TOKEN_ENV = "MASSBALANCE_API_TOKEN";

  @Option(
      names = "--token",
      paramLabel = "T",
      description =
          "The API's bearer token (visible in ps: prefer --token-file or " + TOKEN_ENV + ").")
  String token;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "A file holding the API's bearer token (its first line).")
  Path tokenFile;

  private Map<String, String> environment = System.getenv();

  /** The API's URL, or null when the command's {@code --api} is optional and was not given. */
  public abstract String url();

  /**
   * The bearer token: {@code --token}, else the first line of {@code --token-file}, else {@code
   * MASSBALANCE_API_TOKEN}; null when none is given.
   *
   * @throws UncheckedIOException with a one-line message when the token file cannot be read
   */
  public String token() {
    if (token != null && !token.isBlank()) {
      return token.strip();
    }
    if (tokenFile != null) {
      try {
        String text = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        String first = text.lines().findFirst().orElse("").strip();
        if (first.isEmpty()) {
          throw new IOException("--token-file " + tokenFile + " is empty");
        }
        return first;
      } catch (java.nio.file.NoSuchFileException e) {
        throw new UncheckedIOException(
            new IOException("--token-file " + tokenFile + ": no such file", e));
      } catch (IOException e) {
        throw new UncheckedIOException(
            e.getMessage() != null && e.getMessage().startsWith("--token-file")
                ? e
                : new IOException("--token-file " + tokenFile + " cannot be read: " + e, e));
      }
    }
    String fromEnv = environment.get(TOKEN_ENV);
    return fromEnv == null || fromEnv.isBlank() ? null : fromEnv.strip();
  }

  /** Reads the token from {@code env} instead of the process environment (tests). */
  public void environment(Map<String, String> env) {
    this.environment = env;
  }

  /** {@code --api URL} required, the token optional. */
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
