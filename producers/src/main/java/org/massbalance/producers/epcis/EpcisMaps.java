package org.massbalance.producers.epcis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.massbalance.producers.csv.CsvFileException;
import org.massbalance.producers.csv.CsvReadResult;
import org.massbalance.producers.csv.CsvRecordReader;
import org.massbalance.producers.csv.RowRefusedException;

/**
 * The {@code --locations} ({@code gln,site_id}, 13-digit GLN) and {@code --products} ({@code
 * gtin,product_id}, 14-digit GTIN) maps. A map with a bad row (key not of its length, wrong check
 * digit, empty or invalid id, a key twice) is refused whole, naming the line.
 *
 * @param sites site_id by GLN
 * @param products product_id by GTIN
 */
public record EpcisMaps(Map<String, String> sites, Map<String, String> products) {

  private static final Pattern ID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");

  /** Reads both maps. */
  public static EpcisMaps read(Path locations, Path products) {
    return new EpcisMaps(
        read(locations, "locations", "gln", "site_id", 13),
        read(products, "products", "gtin", "product_id", 14));
  }

  private static Map<String, String> read(
      Path file, String name, String keyColumn, String idColumn, int digits) {
    CsvRecordReader<String[]> reader =
        new CsvRecordReader<>(
            name + " map",
            List.of(keyColumn, idColumn),
            List.of(),
            row -> {
              String key = row.required(keyColumn);
              String id = row.required(idColumn);
              if (key.length() != digits || !Gs1Keys.checkDigitHolds(key)) {
                throw new RowRefusedException(
                    keyColumn
                        + " '"
                        + key
                        + "' is not a "
                        + digits
                        + "-digit "
                        + keyColumn.toUpperCase(java.util.Locale.ROOT)
                        + " with a valid check digit");
              }
              if (!ID.matcher(id).matches()) {
                throw new RowRefusedException(
                    idColumn + " '" + id + "' does not match ^[A-Za-z0-9._-]{1,64}$");
              }
              return new String[] {key, id};
            });
    CsvReadResult<String[]> result;
    try (InputStream in = Files.newInputStream(file)) {
      result = reader.readAll(in);
    } catch (IOException e) {
      throw new EpcisFileException(name + " map " + file + " cannot be read: " + e.getMessage(), e);
    } catch (CsvFileException e) {
      throw new EpcisFileException(e.getMessage(), e);
    }
    if (!result.refusals().isEmpty()) {
      throw new EpcisFileException(name + " map " + file + " refused: " + result.refusals().get(0));
    }
    Map<String, String> map = new HashMap<>();
    for (String[] pair : result.records()) {
      if (map.putIfAbsent(pair[0], pair[1]) != null) {
        throw new EpcisFileException(
            name + " map " + file + " refused: " + keyColumn + " " + pair[0] + " appears twice");
      }
    }
    return Map.copyOf(map);
  }
}
