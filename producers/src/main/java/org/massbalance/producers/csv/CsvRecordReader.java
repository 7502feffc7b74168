package org.massbalance.producers.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one of the contract's CSV formats into records, row by row: UTF-8 (invalid bytes refuse the
 * file), a header row whose column names are matched case-insensitively after trimming and dropping
 * a byte-order mark, columns in any order, unknown columns ignored (and reported), values trimmed,
 * empty values null. A file without a header or without a required column is refused whole, before
 * any row is read. A row with more non-empty values than the header has columns, or one its mapper
 * refuses, is refused with its 1-based line number; a shorter row reads its missing values as
 * empty. Blank lines are skipped. A line over 64 KiB characters or a field over 4,096 refuses the
 * file, naming the line, before it is held in memory. Instances are immutable and thread-safe.
 *
 * @param <T> the record type
 */
public final class CsvRecordReader<T> {

  /** Receives the rows of a file as they are read. */
  public interface Sink<T> {

    /** A record read from the row starting at {@code line}. */
    void accept(long line, T record);

    /** A row that could not be read. */
    void refuse(CsvRefusal refusal);

    /**
     * A row that could not be read, with what it holds (its values by the header's columns, so a
     * reader that groups rows can tell which group lost one). By default {@link
     * #refuse(CsvRefusal)}.
     */
    default void refuse(CsvRow row, CsvRefusal refusal) {
      refuse(refusal);
    }
  }

  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT
          .builder()
          .setIgnoreEmptyLines(true)
          .setIgnoreSurroundingSpaces(true)
          .setTrim(false)
          .get();

  private final String name;
  private final List<String> requiredColumns;
  private final List<String> knownColumns;
  private final RowMapper<T> mapper;

  /**
   * A reader of a format.
   *
   * @param name the format's name, for messages (e.g. "movements")
   * @param requiredColumns columns the header must have
   * @param optionalColumns further columns the format knows
   * @param mapper turns a row into a record
   */
  public CsvRecordReader(
      String name,
      List<String> requiredColumns,
      List<String> optionalColumns,
      RowMapper<T> mapper) {
    this.name = name;
    this.requiredColumns = List.copyOf(requiredColumns);
    List<String> known = new ArrayList<>(requiredColumns);
    known.addAll(optionalColumns);
    this.knownColumns = List.copyOf(known);
    this.mapper = mapper;
  }

  /** The format's name. */
  public String name() {
    return name;
  }

  /** The columns the header must have. */
  public List<String> requiredColumns() {
    return requiredColumns;
  }

  /** Every column the format knows. */
  public List<String> knownColumns() {
    return knownColumns;
  }

  /**
   * Reads a whole UTF-8 stream into memory.
   *
   * @throws CsvFileException when the file cannot be read at all
   */
  public CsvReadResult<T> readAll(InputStream in) {
    List<T> records = new ArrayList<>();
    List<CsvRefusal> refusals = new ArrayList<>();
    List<String> ignored =
        read(
            in,
            new Sink<>() {
              @Override
              public void accept(long line, T record) {
                records.add(record);
              }

              @Override
              public void refuse(CsvRefusal refusal) {
                refusals.add(refusal);
              }
            });
    return new CsvReadResult<>(List.copyOf(records), List.copyOf(refusals), ignored);
  }

  /**
   * Reads a UTF-8 stream row by row into a sink.
   *
   * @return the header columns that the format does not know (ignored)
   * @throws CsvFileException when the file cannot be read: no header, a required column missing, a
   *     duplicate column, malformed CSV or invalid UTF-8 (rows before it were delivered)
   */
  public List<String> read(InputStream in, Sink<T> sink) {
    Reader decoder =
        new InputStreamReader(
            in,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    LineCountingReader reader = new LineCountingReader(new BoundedCsvReader(decoder));
    try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
      Iterator<CSVRecord> rows = parser.iterator();
      CSVRecord headerRecord = next(rows, reader, 1);
      while (headerRecord != null && isBlank(headerRecord)) {
        headerRecord = next(rows, reader, reader.lineAt(headerRecord.getCharacterPosition()) + 1);
      }
      if (headerRecord == null) {
        throw new CsvFileException(name + " file refused: it is empty (no header row)");
      }
      Map<String, Integer> columns = new LinkedHashMap<>();
      List<String> ignored = new ArrayList<>();
      for (int i = 0; i < headerRecord.size(); i++) {
        String column = normalize(headerRecord.get(i));
        if (column.isEmpty()) {
          continue;
        }
        if (columns.putIfAbsent(column, i) != null) {
          throw new CsvFileException(
              name + " file refused: column " + column + " appears twice in the header");
        }
        if (!knownColumns.contains(column)) {
          ignored.add(column);
        }
      }
      List<String> missing = requiredColumns.stream().filter(c -> !columns.containsKey(c)).toList();
      if (!missing.isEmpty()) {
        throw new CsvFileException(
            name
                + " file refused: the header lacks required column"
                + (missing.size() > 1 ? "s " : " ")
                + String.join(", ", missing)
                + " (it needs "
                + String.join(", ", requiredColumns)
                + ")");
      }
      int width = headerRecord.size();
      long nextLine = reader.lineAt(headerRecord.getCharacterPosition()) + 1;
      CSVRecord row;
      while ((row = next(rows, reader, nextLine)) != null) {
        long line = reader.lineAt(row.getCharacterPosition());
        nextLine = line + 1;
        if (isBlank(row)) {
          continue;
        }
        List<String> values = new ArrayList<>(row.size());
        row.forEach(values::add);
        CsvRow csvRow = new CsvRow(columns, values, line);
        if (row.size() > width && hasValueBeyond(row, width)) {
          sink.refuse(
              csvRow,
              new CsvRefusal(
                  line, row.size() + " values but the header has " + width + " columns"));
          continue;
        }
        for (String v : values) {
          if (v != null && v.length() > BoundedCsvReader.MAX_FIELD_CHARS) {
            throw new CsvFileException(
                name
                    + " file refused: line "
                    + line
                    + ": a field is longer than "
                    + BoundedCsvReader.MAX_FIELD_CHARS
                    + " characters");
          }
        }
        try {
          sink.accept(line, mapper.map(csvRow));
        } catch (RowRefusedException e) {
          sink.refuse(csvRow, new CsvRefusal(line, e.getMessage()));
        }
      }
      return List.copyOf(ignored);
    } catch (IOException e) {
      throw new CsvFileException(name + " file cannot be read: " + e.getMessage(), e);
    }
  }

  private CSVRecord next(Iterator<CSVRecord> rows, LineCountingReader reader, long line) {
    try {
      return rows.hasNext() ? rows.next() : null;
    } catch (UncheckedIOException | IllegalStateException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof CharacterCodingException) {
        throw new CsvFileException(
            name + " file refused: invalid UTF-8 near line " + reader.linesRead(), e);
      }
      String why = cause.getMessage() == null ? cause.toString() : cause.getMessage();
      if (why.contains(" is longer than ")
          || why.contains("longer than " + BoundedCsvReader.MAX_FIELD_CHARS)) {
        throw new CsvFileException(name + " file refused: " + why, e);
      }
      throw new CsvFileException(
          name + " file refused: malformed CSV from line " + line + ": " + why, e);
    }
  }

  private static boolean isBlank(CSVRecord record) {
    for (String value : record) {
      if (clean(value) != null) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasValueBeyond(CSVRecord record, int width) {
    for (int i = width; i < record.size(); i++) {
      if (clean(record.get(i)) != null) {
        return true;
      }
    }
    return false;
  }

  /** A header name as matched: without a byte-order mark, trimmed, lower case. */
  static String normalize(String column) {
    String c = column.startsWith("\uFEFF") ? column.substring(1) : column;
    return c.strip().toLowerCase(Locale.ROOT);
  }

  /** A value as delivered: trimmed, null when empty. */
  static String clean(String value) {
    if (value == null) {
      return null;
    }
    String v = value.startsWith("\uFEFF") ? value.substring(1) : value;
    v = v.strip();
    return v.isEmpty() ? null : v;
  }
}
