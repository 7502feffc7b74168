package org.massbalance.security;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A client settings file ({@code --client-config FILE}): Java properties with Kafka client settings
 * ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}), the registry client's ({@code
 * schema.registry.*}, {@code basic.auth.*}, {@code bearer.auth.*}) and, for commands that call the
 * engine's HTTPS API, {@code api.tls.truststore.*}. Values are trimmed.
 */
public final class ClientConfigFile {

  private ClientConfigFile() {}

  /**
   * The settings of {@code file}.
   *
   * @throws IllegalArgumentException with a one-line message when the file cannot be read
   */
  public static Map<String, Object> read(String option, Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(option + " " + file + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException(option + " " + file + ": permission denied", e);
    } catch (MalformedInputException e) {
      throw new IllegalArgumentException(option + " " + file + " is not UTF-8 text", e);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          option + " " + file + " is not a readable properties file: " + e.getMessage(), e);
    }
    Map<String, Object> out = new HashMap<>();
    p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k).trim()));
    return out;
  }
}
