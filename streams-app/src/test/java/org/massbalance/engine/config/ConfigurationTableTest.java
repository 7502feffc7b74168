package org.massbalance.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration tables and {@link EngineConfig} agree: a key cannot be documented
 * without working, or work without being documented.
 */
class ConfigurationTableTest {

  private static final Pattern CODE = Pattern.compile("`([^`]+)`");
  private static final Pattern NUMBER = Pattern.compile("^(-?\\d+)\\b");

  /** The README's Configuration section: its tables, each a list of rows of cells. */
  private static List<List<List<String>>> tables() throws Exception {
    Path readme = Path.of("..", "README.md");
    List<String> lines = Files.readAllLines(readme);
    int start = lines.indexOf("## Configuration");
    assertThat(start).as("## Configuration in " + readme.toAbsolutePath()).isNotNegative();
    List<List<List<String>>> tables = new ArrayList<>();
    List<List<String>> table = null;
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("#")) {
        break;
      }
      if (!line.startsWith("|")) {
        table = null;
        continue;
      }
      if (table == null) {
        table = new ArrayList<>();
        tables.add(table);
      }
      if (!line.startsWith("|---")) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.substring(1).split("(?<!\\\\)\\|")) {
          cells.add(cell.strip());
        }
        table.add(cells);
      }
    }
    return tables;
  }

  private static List<String> codes(String cell) {
    List<String> out = new ArrayList<>();
    Matcher m = CODE.matcher(cell);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The engine's table: its rows after the header. */
  private static List<List<String>> engineRows() throws Exception {
    List<List<String>> engine = tables().get(0);
    assertThat(engine.get(0)).containsExactly("key", "default", "meaning");
    return engine.subList(1, engine.size());
  }

  @Test
  void shouldDocumentEveryEngineKeyAndNoOther() throws Exception {
    Set<String> documented = new TreeSet<>();
    for (List<String> row : engineRows()) {
      documented.addAll(codes(row.get(0)));
    }

    assertThat(documented)
        .as("keys of the README's configuration table")
        .containsExactlyInAnyOrderElementsOf(EngineConfig.definition().names());
  }

  @Test
  void shouldDocumentEachDefaultAsEngineConfigDefinesIt() throws Exception {
    Map<String, ConfigDef.ConfigKey> keys = EngineConfig.definition().configKeys();
    for (List<String> row : engineRows()) {
      List<String> rowKeys = codes(row.get(0));
      if (rowKeys.size() != 1 || !keys.containsKey(rowKeys.get(0))) {
        continue; // several keys in one row, or one the test above names
      }
      String key = rowKeys.get(0);
      Object value = keys.get(key).defaultValue;
      String actual =
          value instanceof List<?> list
              ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
              : String.valueOf(value);
      String cell = row.get(1);
      Matcher number = NUMBER.matcher(cell);
      List<String> code = codes(cell);
      if (number.find()) {
        assertThat(number.group(1)).as("default of " + key).isEqualTo(actual);
      } else if (!code.isEmpty()) {
        assertThat(code.get(0)).as("default of " + key).isEqualTo(actual);
      }
    }
  }

  @Test
  void shouldDocumentOnlyKeysThatPassThroughAsPassingThrough() throws Exception {
    List<List<String>> passed = tables().get(1);
    assertThat(passed.get(0)).containsExactly("keys", "for");
    List<String> keys = new ArrayList<>();
    for (List<String> row : passed.subList(1, passed.size())) {
      keys.addAll(codes(row.get(0)));
    }

    assertThat(keys).isNotEmpty();
    for (String key : keys) {
      assertThat(SettingKeys.isKafkaOrRegistry(key) && SettingKeys.passesThrough(key))
          .as(key + " is a Kafka or registry key that reaches Kafka")
          .isTrue();
    }
  }
}
