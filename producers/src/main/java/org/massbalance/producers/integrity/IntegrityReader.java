package org.massbalance.producers.integrity;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.ooxml.util.SAXHelper;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.massbalance.producers.csv.CsvFileException;
import org.massbalance.producers.csv.CsvRecordReader;
import org.massbalance.producers.csv.CsvRefusal;
import org.massbalance.producers.csv.RowRefusedException;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads the operations of an INTEGRITY export with streaming parsers, by the file's extension:
 *
 * <ul>
 *   <li>{@code .xlsx}: the first sheet, through POI's event API (SAX over the sheet XML, no
 *       workbook in memory); the header row is the first row holding {@code op_nopOpID}; rows above
 *       it are ignored, rows below it are operations (description rows among them are left to the
 *       mapping). Date cells read as {@code yyyy-MM-dd}, numbers as plain decimals.
 *   <li>{@code .xml}: StAX, DTDs and external entities off (a DOCTYPE refuses the file); each
 *       {@code <Operation>} element is an operation whose child elements carry the {@code op_}
 *       names.
 *   <li>{@code .zip}: one XML entry, read as above, its decompressed size bounded.
 *   <li>{@code .csv}: UTF-8 with a header row holding the {@code op_} columns.
 * </ul>
 *
 * <p>Every cell, element text and field is bounded ({@link IntegrityLimits}); a file that breaks a
 * bound, has no header, is not of its format or is malformed is refused whole with an {@link
 * IntegrityFileException}. Line numbers are 1-based: the sheet row, the XML line where the {@code
 * <Operation>} starts, the CSV line.
 */
public final class IntegrityReader {

  /** Receives the operations of a file as they are read. */
  public interface Sink {

    /** An operation: its values by column name ({@link IntegrityColumns}). */
    void row(long line, Map<String, String> fields);

    /** A row the reader could not read (CSV only). */
    void refuse(long line, String reason);
  }

  private final IntegrityLimits limits;

  /** A reader with bounds. */
  public IntegrityReader(IntegrityLimits limits) {
    this.limits = limits;
  }

  /**
   * Reads a file into a sink.
   *
   * @return the format read: xlsx, xml, zip or csv
   * @throws IntegrityFileException when the file is refused whole
   */
  public String read(Path file, Sink sink) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!Files.isRegularFile(file)) {
      throw new IntegrityFileException("INTEGRITY file " + file + " does not exist");
    }
    if (name.endsWith(".xlsx")) {
      readXlsx(file, sink);
      return "xlsx";
    } else if (name.endsWith(".xml")) {
      try (InputStream in = Files.newInputStream(file)) {
        readXml(in, sink);
      } catch (IOException e) {
        throw new IntegrityFileException("INTEGRITY file cannot be read: " + e.getMessage(), e);
      }
      return "xml";
    } else if (name.endsWith(".zip")) {
      readZip(file, sink);
      return "zip";
    } else if (name.endsWith(".csv")) {
      try (InputStream in = Files.newInputStream(file)) {
        readCsv(in, sink);
      } catch (IOException e) {
        throw new IntegrityFileException("INTEGRITY file cannot be read: " + e.getMessage(), e);
      }
      return "csv";
    }
    throw new IntegrityFileException(
        "INTEGRITY file refused: "
            + file.getFileName()
            + " is not .xlsx, .xml, .zip (one XML entry) or .csv");
  }

  // ------------------------------------------------------------------------------ XLSX

  /**
   * The largest shared-strings part read (decompressed): the export of the full database (about
   * 50,000 operations) needs a few MB.
   */
  static final long MAX_SHARED_STRINGS_BYTES = 64L << 20;

  private void readXlsx(Path file, Sink sink) {
    ZipSecureFile.setMaxEntrySize(limits.maxDecompressedBytes());
    try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
      int parts = pkg.getParts().size();
      if (parts > limits.maxZipEntries()) {
        throw new IntegrityFileException(
            "INTEGRITY file refused: the workbook holds "
                + parts
                + " parts, more than "
                + limits.maxZipEntries());
      }
      // The shared strings are read into memory whole (the sheet itself streams): bound them.
      for (org.apache.poi.openxml4j.opc.PackagePart part :
          pkg.getPartsByName(java.util.regex.Pattern.compile("/xl/sharedStrings\\.xml"))) {
        if (part.getSize() > MAX_SHARED_STRINGS_BYTES) {
          throw new IntegrityFileException(
              "INTEGRITY file refused: its shared strings take "
                  + part.getSize()
                  + " bytes, more than "
                  + MAX_SHARED_STRINGS_BYTES);
        }
      }
      XSSFReader reader = new XSSFReader(pkg);
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
      StylesTable styles = reader.getStylesTable();
      XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
      if (!sheets.hasNext()) {
        throw new IntegrityFileException("INTEGRITY file refused: the workbook has no sheet");
      }
      SheetRows rows = new SheetRows(sink);
      try (InputStream sheet = sheets.next()) {
        XMLReader parser = SAXHelper.newXMLReader();
        parser.setContentHandler(
            new XSSFSheetXMLHandler(styles, null, strings, rows, new IsoFormatter(), false));
        parser.parse(new InputSource(sheet));
      }
      if (rows.header == null) {
        throw new IntegrityFileException(
            "INTEGRITY file refused: no header row holding "
                + IntegrityColumns.ID
                + " in the first sheet");
      }
    } catch (IntegrityFileException e) {
      throw e;
    } catch (NotOfficeXmlFileException | InvalidFormatException e) {
      throw new IntegrityFileException(
          "INTEGRITY file refused: not an XLSX workbook (" + e.getMessage() + ")", e);
    } catch (IOException
        | OpenXML4JException
        | SAXException
        | javax.xml.parsers.ParserConfigurationException
        | RuntimeException e) {
      if (e.getCause() instanceof IntegrityFileException f) {
        throw f;
      }
      throw new IntegrityFileException(
          "INTEGRITY file refused: the workbook cannot be read: " + e.getMessage(), e);
    }
  }

  /** Dates as yyyy-MM-dd, other numbers as plain decimals (a NOP ID stored as a number). */
  private static final class IsoFormatter extends DataFormatter {
    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString) {
      if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
        return DateUtil.getLocalDateTime(value).toLocalDate().toString();
      }
      return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
  }

  /** Finds the header row, then hands each row below it to the sink. */
  private final class SheetRows implements SheetContentsHandler {
    private final Sink sink;
    private Map<Integer, String> header;
    private final Map<Integer, String> cells = new HashMap<>();
    private long dataRows;

    SheetRows(Sink sink) {
      this.sink = sink;
    }

    @Override
    public void startRow(int rowNum) {
      cells.clear();
    }

    @Override
    public void endRow(int rowNum) {
      if (header == null) {
        Map<Integer, String> found = new HashMap<>();
        cells.forEach((col, v) -> IntegrityColumns.of(v).ifPresent(c -> found.put(col, c)));
        if (found.containsValue(IntegrityColumns.ID)) {
          for (String required : IntegrityColumns.REQUIRED) {
            if (!found.containsValue(required)) {
              throw new IntegrityFileException(
                  "INTEGRITY file refused: the header row (row "
                      + (rowNum + 1)
                      + ") lacks column "
                      + required);
            }
          }
          header = found;
        }
        return;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      header.forEach(
          (col, name) -> {
            String v = cells.get(col);
            if (v != null) {
              fields.put(name, v);
            }
          });
      if (fields.values().stream().allMatch(String::isBlank)) {
        return;
      }
      if (++dataRows > limits.maxRows()) {
        throw new IntegrityFileException(
            "INTEGRITY file refused: more than " + limits.maxRows() + " rows");
      }
      sink.row(rowNum + 1L, fields);
    }

    @Override
    public void cell(String cellReference, String formattedValue, XSSFComment comment) {
      if (formattedValue == null || cellReference == null) {
        return;
      }
      if (formattedValue.length() > limits.maxFieldChars()) {
        throw new IntegrityFileException(
            "INTEGRITY file refused: cell "
                + cellReference
                + " holds "
                + formattedValue.length()
                + " characters, more than "
                + limits.maxFieldChars());
      }
      cells.put((int) new CellReference(cellReference).getCol(), formattedValue);
    }
  }

  // ------------------------------------------------------------------------------ XML

  private void readZip(Path file, Sink sink) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      List<ZipEntry> files = new ArrayList<>();
      int entries = 0;
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        if (++entries > limits.maxZipEntries()) {
          throw new IntegrityFileException(
              "INTEGRITY file refused: the zip holds more than "
                  + limits.maxZipEntries()
                  + " entries");
        }
        if (!entry.isDirectory()) {
          files.add(entry);
        }
      }
      if (files.size() != 1 || !files.get(0).getName().toLowerCase(Locale.ROOT).endsWith(".xml")) {
        throw new IntegrityFileException(
            "INTEGRITY file refused: the zip must hold exactly one .xml entry, it holds "
                + files.size()
                + " file"
                + (files.size() == 1 ? " (" + files.get(0).getName() + ")" : "s"));
      }
      try (InputStream in =
          new BoundedInputStream(zip.getInputStream(files.get(0)), limits.maxDecompressedBytes())) {
        readXml(in, sink);
      }
    } catch (ZipException e) {
      throw new IntegrityFileException(
          "INTEGRITY file refused: not a readable zip (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new IntegrityFileException("INTEGRITY file cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads {@code <Operation>} elements with StAX: no DTD (a DOCTYPE refuses the file), no external
   * entities.
   */
  void readXml(InputStream in, Sink sink) {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, false);
    XMLStreamReader xml = null;
    long operations = 0;
    try {
      xml = factory.createXMLStreamReader(in);
      Map<String, String> fields = null;
      long line = 0;
      String child = null;
      StringBuilder text = new StringBuilder();
      int depth = 0;
      int operationDepth = -1;
      while (xml.hasNext()) {
        int event = xml.next();
        switch (event) {
          case XMLStreamConstants.DTD ->
              throw new IntegrityFileException(
                  "INTEGRITY file refused: it declares a DTD (DOCTYPE), which is not allowed");
          case XMLStreamConstants.ENTITY_REFERENCE ->
              throw new IntegrityFileException(
                  "INTEGRITY file refused: entity reference &"
                      + xml.getLocalName()
                      + "; at line "
                      + xml.getLocation().getLineNumber());
          case XMLStreamConstants.START_ELEMENT -> {
            depth++;
            String local = xml.getLocalName();
            if (fields == null && "Operation".equalsIgnoreCase(local)) {
              fields = new LinkedHashMap<>();
              line = xml.getLocation().getLineNumber();
              operationDepth = depth;
            } else if (fields != null && depth == operationDepth + 1) {
              child = local;
              text.setLength(0);
            }
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
            if (child != null) {
              text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
              if (text.length() > limits.maxFieldChars()) {
                throw new IntegrityFileException(
                    "INTEGRITY file refused: element <"
                        + child
                        + "> at line "
                        + xml.getLocation().getLineNumber()
                        + " holds more than "
                        + limits.maxFieldChars()
                        + " characters");
              }
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            if (fields != null && depth == operationDepth + 1 && child != null) {
              Map<String, String> operation = fields;
              IntegrityColumns.of(child).ifPresent(c -> operation.put(c, text.toString()));
              child = null;
            } else if (fields != null && depth == operationDepth) {
              if (++operations > limits.maxRows()) {
                throw new IntegrityFileException(
                    "INTEGRITY file refused: more than " + limits.maxRows() + " operations");
              }
              sink.row(line, fields);
              fields = null;
              operationDepth = -1;
            }
            depth--;
          }
          default -> {
            // comments, processing instructions, whitespace
          }
        }
      }
      if (operations == 0) {
        throw new IntegrityFileException(
            "INTEGRITY file refused: no <Operation> element in the XML");
      }
    } catch (XMLStreamException e) {
      Throwable cause = e.getNestedException() != null ? e.getNestedException() : e;
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof BoundExceeded b) {
          throw new IntegrityFileException(b.getMessage(), b);
        }
      }
      if (cause instanceof BoundExceeded b) {
        throw new IntegrityFileException(b.getMessage(), b);
      }
      throw new IntegrityFileException(
          "INTEGRITY file refused: malformed XML: " + e.getMessage(), e);
    } finally {
      if (xml != null) {
        try {
          xml.close();
        } catch (XMLStreamException e) {
          // the outcome is already decided
        }
      }
    }
  }

  // ------------------------------------------------------------------------------ CSV

  private void readCsv(InputStream in, Sink sink) {
    List<String> required =
        IntegrityColumns.REQUIRED.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
    List<String> optional =
        IntegrityColumns.ALL.stream()
            .filter(c -> !IntegrityColumns.REQUIRED.contains(c))
            .map(c -> c.toLowerCase(Locale.ROOT))
            .toList();
    long[] rows = {0};
    CsvRecordReader<Map<String, String>> reader =
        new CsvRecordReader<>(
            "INTEGRITY",
            required,
            optional,
            row -> {
              Map<String, String> fields = new LinkedHashMap<>();
              for (String column : IntegrityColumns.ALL) {
                String v = row.get(column);
                if (v != null) {
                  if (v.length() > limits.maxFieldChars()) {
                    throw new RowRefusedException(
                        column + " holds more than " + limits.maxFieldChars() + " characters");
                  }
                  fields.put(column, v);
                }
              }
              return fields;
            });
    try {
      reader.read(
          in,
          new CsvRecordReader.Sink<>() {
            @Override
            public void accept(long line, Map<String, String> record) {
              if (++rows[0] > limits.maxRows()) {
                throw new IntegrityFileException(
                    "INTEGRITY file refused: more than " + limits.maxRows() + " rows");
              }
              sink.row(line, record);
            }

            @Override
            public void refuse(CsvRefusal refusal) {
              sink.refuse(refusal.line(), refusal.reason());
            }
          });
    } catch (CsvFileException e) {
      throw new IntegrityFileException(e.getMessage(), e);
    }
  }

  /** A read past a bound. */
  private static final class BoundExceeded extends IOException {
    private static final long serialVersionUID = 1L;

    BoundExceeded(String message) {
      super(message);
    }
  }

  /** Fails a read once more than a number of bytes came through. */
  private static final class BoundedInputStream extends FilterInputStream {
    private final long max;
    private long read;

    BoundedInputStream(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws BoundExceeded {
      read += n;
      if (read > max) {
        throw new BoundExceeded(
            "INTEGRITY file refused: the zip's XML entry decompresses to more than "
                + max
                + " bytes");
      }
    }
  }
}
