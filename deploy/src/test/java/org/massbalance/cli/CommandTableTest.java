package org.massbalance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The README's {@code ## Command line} table and the commands agree, as {@code
 * ConfigurationTableTest} keeps the configuration table equal to the engine's keys: an option
 * cannot be documented without existing, or exist without being documented.
 *
 * <p>A row's command cell is the command's synopsis: the command, then for a command with
 * subcommands the subcommand ({@code topics check}), or for a command whose first parameter picks
 * what it works on the values it documents ({@code ingest movements|certificates}, {@code export
 * snapshots}), then every option that row takes ({@code --[no-]x} for a negatable one), required
 * ones outside brackets. The test reads the option names of that cell and compares them with the
 * options picocli's {@link CommandSpec} declares (help and version aside); options named in the
 * {@code what} cell must exist too.
 */
class CommandTableTest {

  /**
   * Options that apply to some values of a command's first parameter only: a row names them when it
   * names one of those values. Every other option belongs in every row of its command.
   */
  private static final Map<String, Map<String, Set<String>>> SCOPED =
      Map.of(
          "ingest",
          Map.of(
              "--only-known", Set.of("integrity"),
              "--refresh-days", Set.of("integrity"),
              "--locations", Set.of("epcis"),
              "--products", Set.of("epcis")),
          "export",
          Map.ofEntries(
              Map.entry("--topic", Set.of("snapshots")),
              Map.entry("--period", Set.of("snapshots", "alerts", "lots", "trace")),
              Map.entry("--format", Set.of("snapshots", "alerts", "lots", "trace")),
              Map.entry("--api", Set.of("lots", "trace", "fsma204")),
              Map.entry("--token", Set.of("lots", "trace", "fsma204")),
              Map.entry("--token-file", Set.of("lots", "trace", "fsma204")),
              Map.entry("--lot", Set.of("fsma204")),
              Map.entry("--from", Set.of("fsma204")),
              Map.entry("--to", Set.of("fsma204")),
              Map.entry("--out", Set.of("fsma204")),
              Map.entry("--fsma-columns", Set.of("fsma204"))));

  private static final Pattern CODE = Pattern.compile("`([^`]+)`");
  private static final Pattern OPTION =
      Pattern.compile("(?<![\\w-])--(?:\\[no-])?([a-z][a-z0-9]*(?:-[a-z0-9]+)*)");
  private static final Pattern VALUES = Pattern.compile("[a-z][a-z0-9-]*(?:\\|[a-z][a-z0-9-]*)*");

  /** One row of the table: its command cell's synopsis and its what cell. */
  record Row(String synopsis, String what) {}

  /** What a row documents: the commands it stands for and the values of their first parameter. */
  record Documented(List<CommandLine> commands, Set<String> values) {}

  /** The rows of the README's command table. */
  static List<Row> rows(List<String> readme) {
    int start = readme.indexOf("## Command line");
    assertThat(start).as("## Command line in README.md").isNotNegative();
    List<Row> rows = new ArrayList<>();
    boolean header = true;
    for (String line : readme.subList(start + 1, readme.size())) {
      if (line.startsWith("#")) {
        break;
      }
      if (!line.startsWith("|")) {
        if (!rows.isEmpty()) {
          break; // one table
        }
        continue;
      }
      List<String> cells = new ArrayList<>();
      for (String cell : line.substring(1).split("(?<!\\\\)\\|")) {
        cells.add(cell.strip().replace("\\|", "|"));
      }
      if (header) {
        assertThat(cells.subList(0, 2)).containsExactly("command", "what");
        header = false;
      } else if (!line.startsWith("|---")) {
        Matcher code = CODE.matcher(cells.get(0));
        assertThat(code.find()).as("a command in backticks: " + line).isTrue();
        rows.add(new Row(code.group(1).strip(), cells.get(1)));
      }
    }
    return rows;
  }

  /** The option names (with their {@code --}) a text names, {@code --[no-]x} as {@code --x}. */
  static Set<String> optionsNamed(String text) {
    Set<String> named = new TreeSet<>();
    Matcher m = OPTION.matcher(text);
    while (m.find()) {
      named.add("--" + m.group(1));
    }
    return named;
  }

  /** The options named inside brackets in a synopsis, i.e. documented as optional. */
  static Set<String> bracketed(String synopsis) {
    Set<String> optional = new TreeSet<>();
    Matcher m = OPTION.matcher(synopsis);
    while (m.find()) {
      String before = synopsis.substring(0, m.start());
      long depth = before.chars().filter(c -> c == '[').count();
      depth -= before.chars().filter(c -> c == ']').count();
      if (depth > 0) {
        optional.add("--" + m.group(1));
      }
    }
    return optional;
  }

  /** A command's own options, help and version aside. */
  static Set<String> declared(CommandSpec spec) {
    return spec.options().stream()
        .filter(o -> !o.usageHelp() && !o.versionHelp())
        .map(OptionSpec::longestName)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The values a command's first parameter takes, from its type or its description. */
  static Set<String> values(PositionalParamSpec selector) {
    Set<String> values = new TreeSet<>();
    if (selector.completionCandidates() != null) {
      selector.completionCandidates().forEach(values::add);
      return values;
    }
    // "movements, certificates, sites, products, investigations, integrity or epcis"
    for (String value : String.join(" ", selector.description()).split(",\\s*|\\s+or\\s+")) {
      values.add(value.strip());
    }
    return values;
  }

  /** The first parameter, when it picks what the command works on (a list of words). */
  static PositionalParamSpec selector(CommandSpec spec) {
    return spec.positionalParameters().stream()
        .filter(p -> p.index().min() == 0 && p.completionCandidates() != null)
        .findFirst()
        .or(
            () ->
                spec.positionalParameters().stream()
                    .filter(p -> p.index().min() == 0)
                    .filter(p -> String.join(" ", p.description()).matches("[a-z, -]+ or [a-z-]+"))
                    .findFirst())
        .orElse(null);
  }

  /** The commands a row's synopsis stands for and the values it documents, or a problem. */
  static Documented resolve(CommandLine top, String synopsis, List<String> problems) {
    List<String> words = Arrays.asList(synopsis.split("\\s+"));
    CommandLine command = top.getSubcommands().get(words.get(0));
    if (command == null) {
      problems.add("`" + synopsis + "`: no command " + words.get(0));
      return null;
    }
    String next = words.size() > 1 ? words.get(1) : "";
    Map<String, CommandLine> subcommands = ownSubcommands(command);
    if (!subcommands.isEmpty()) {
      List<CommandLine> chosen = new ArrayList<>();
      for (String name : next.split("\\|")) {
        if (!subcommands.containsKey(name)) {
          problems.add("`" + synopsis + "`: " + words.get(0) + " has no subcommand '" + name + "'");
          return null;
        }
        chosen.add(subcommands.get(name));
      }
      return new Documented(chosen, Set.of());
    }
    PositionalParamSpec selector = selector(command.getCommandSpec());
    if (selector == null) {
      return new Documented(List.of(command), Set.of());
    }
    if (!VALUES.matcher(next).matches()) {
      problems.add(
          "`"
              + synopsis
              + "`: name what "
              + words.get(0)
              + " works on, one of "
              + values(selector));
      return null;
    }
    Set<String> values = new TreeSet<>(Arrays.asList(next.split("\\|")));
    Set<String> unknown = new TreeSet<>(values);
    unknown.removeAll(values(selector));
    if (!unknown.isEmpty()) {
      problems.add("`" + synopsis + "`: " + words.get(0) + " takes no " + unknown);
    }
    return new Documented(List.of(command), values);
  }

  /** A command's subcommands, without picocli's help command. */
  static Map<String, CommandLine> ownSubcommands(CommandLine command) {
    Map<String, CommandLine> own = new LinkedHashMap<>();
    command
        .getSubcommands()
        .forEach(
            (name, sub) -> {
              if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                own.put(name, sub);
              }
            });
    return own;
  }

  /**
   * The names as {@code spec} knows them: a negatable option's negative form ({@code
   * --no-static-membership}) as the option's own name.
   */
  static Set<String> canonical(CommandSpec spec, Set<String> names) {
    Map<String, String> negative = new LinkedHashMap<>();
    for (OptionSpec o : spec.options()) {
      if (o.negatable()) {
        negative.put(
            spec.negatableOptionTransformer().makeNegative(o.longestName(), spec), o.longestName());
      }
    }
    return names.stream()
        .map(n -> negative.getOrDefault(n, n))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The options a row of {@code command} documenting {@code values} must name. */
  static Set<String> expected(CommandSpec command, Set<String> values) {
    Map<String, Set<String>> scoped = SCOPED.getOrDefault(command.name(), Map.of());
    Set<String> expected = new TreeSet<>();
    for (String option : declared(command)) {
      Set<String> scope = scoped.get(option);
      if (scope == null || scope.stream().anyMatch(values::contains)) {
        expected.add(option);
      }
    }
    return expected;
  }

  /** Every disagreement between the table and the commands, one line each. */
  static List<String> problems(CommandLine top, List<Row> rows) {
    List<String> problems = new ArrayList<>();
    Map<String, Set<String>> valuesSeen = new LinkedHashMap<>();
    Set<String> commandsSeen = new TreeSet<>();
    for (Row row : rows) {
      Documented documented = resolve(top, row.synopsis(), problems);
      if (documented == null) {
        continue;
      }
      for (CommandLine command : documented.commands()) {
        CommandSpec spec = command.getCommandSpec();
        Set<String> named = canonical(spec, optionsNamed(row.synopsis()));
        Set<String> optional = canonical(spec, bracketed(row.synopsis()));
        String name = spec.qualifiedName(" ").replaceFirst("^massbalance ", "");
        commandsSeen.add(name);
        valuesSeen.computeIfAbsent(name, k -> new TreeSet<>()).addAll(documented.values());
        Set<String> expected = expected(spec, documented.values());
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(named);
        Set<String> extra = new TreeSet<>(named);
        extra.removeAll(expected);
        String where = "`" + row.synopsis() + "` (" + name + ")";
        if (!missing.isEmpty()) {
          problems.add(where + " does not name " + missing);
        }
        if (!extra.isEmpty()) {
          problems.add(where + " names " + extra + ", which it does not take");
        }
        for (OptionSpec o : spec.options()) {
          if (o.required() && optional.contains(o.longestName())) {
            problems.add(where + " shows the required " + o.longestName() + " in brackets");
          }
        }
        Set<String> unknownInText = canonical(spec, optionsNamed(row.what()));
        unknownInText.removeAll(declared(spec));
        if (!unknownInText.isEmpty()) {
          problems.add(where + ": its description names " + unknownInText + ", not options of it");
        }
      }
    }
    for (String command : leafCommands(top, "")) {
      if (!commandsSeen.contains(command)) {
        problems.add("no row for `" + command + "`");
      }
    }
    valuesSeen.forEach(
        (name, seen) -> {
          if (seen.isEmpty()) {
            return;
          }
          CommandLine command = top.getSubcommands().get(name);
          Set<String> missing = new TreeSet<>(values(selector(command.getCommandSpec())));
          missing.removeAll(seen);
          if (!missing.isEmpty()) {
            problems.add("no row for `" + name + "` " + missing);
          }
        });
    return problems;
  }

  /** The commands that do something (no subcommands of their own), by their full name. */
  static List<String> leafCommands(CommandLine command, String prefix) {
    List<String> leaves = new ArrayList<>();
    ownSubcommands(command)
        .forEach(
            (name, sub) -> {
              String full = prefix.isEmpty() ? name : prefix + " " + name;
              if (ownSubcommands(sub).isEmpty()) {
                leaves.add(full);
              } else {
                leaves.addAll(leafCommands(sub, full));
              }
            });
    return leaves;
  }

  static List<String> readme() throws Exception {
    return Files.readAllLines(Path.of("..", "README.md"));
  }

  @Test
  void shouldDocumentEveryCommandWithExactlyItsOptions() throws Exception {
    List<Row> rows = rows(readme());

    assertThat(problems(MassBalanceCli.commandLine(), rows))
        .as("the README's command table against the commands' options")
        .isEmpty();
  }

  @Test
  void shouldNameAnOptionAMissingRowLeavesOut() throws Exception {
    List<Row> rows = new ArrayList<>(rows(readme()));
    rows.replaceAll(
        r ->
            r.synopsis().startsWith("topics check")
                ? new Row(r.synopsis().replace(" [--check-partitions]", ""), r.what())
                : r);
    rows.add(new Row("bench --no-such-option", ""));
    rows.removeIf(r -> r.synopsis().startsWith("ingest epcis"));

    assertThat(problems(MassBalanceCli.commandLine(), rows))
        .anyMatch(p -> p.contains("(topics check) does not name [--check-partitions]"))
        .anyMatch(p -> p.contains("names [--no-such-option], which it does not take"))
        .anyMatch(p -> p.equals("no row for `ingest` [epcis]"));
  }
}
