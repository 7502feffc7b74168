package org.massbalance.engine.runtime;

import java.util.Locale;

/**
 * Sets the JVM's default locale for formatting to en_US, unless the user chose one.
 *
 * <p>Kafka Streams 4.4 formats a diagnostic line with {@code String.format} for each input
 * partition of a task that has no record buffered locally, on every record the task processes
 * ({@code PartitionGroup.readyToProcess}, whether or not the line is logged). The ledger's tasks
 * read three partitions (movements, reroute, transfers), and the last two are empty most of the
 * time. Java's {@code Formatter} creates a new {@code DecimalFormatSymbols} for each {@code %d}
 * unless the format locale is en_US: about 6 % of the stream thread on the bench. The engine
 * formats nothing for people through the default locale (exact decimals, ISO-8601 times), so en_US
 * changes no output (ADR 21).
 */
final class FormatLocale {

  private FormatLocale() {}

  static void apply() {
    if (System.getProperty("user.country.format") == null
        && System.getProperty("user.language.format") == null) {
      Locale.setDefault(Locale.Category.FORMAT, Locale.US);
    }
  }
}
