package org.massbalance.engine.audit.io;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * An XLSX workbook (Office Open XML SpreadsheetML) written as rows come, any number of sheets at
 * once: each sheet's XML is deflated into a part file of its own as its rows are written, and the
 * workbook is assembled from the parts at the end, so memory does not grow with rows and nothing is
 * compressed twice. Header row bold and frozen, an auto filter over the table, fixed column widths.
 * Text cells are inline strings (never formulas); numbers are written as their exact decimal text,
 * which the spreadsheet reads as a number. The same rows give the same bytes.
 */
public final class XlsxStreamWriter implements AutoCloseable {

  private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  private static final String REL =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

  private final Path work;
  private final Instant created;
  private final int level;
  private final List<Sheet> sheets = new ArrayList<>();

  /**
   * A workbook whose parts go to {@code work}.
   *
   * @param created the creation date in its properties (fixed for reproducible bytes)
   * @param level the deflate level of its parts
   */
  public XlsxStreamWriter(Path work, Instant created, int level) {
    this.work = work;
    this.created = created;
    this.level = level;
  }

  /**
   * A new sheet, after the ones already made, with its header row written.
   *
   * @param widths each column's width in characters
   */
  public Sheet sheet(String name, List<String> headers, int[] widths) throws IOException {
    Sheet s = new Sheet(sheets.size() + 1, name, headers.size());
    sheets.add(s);
    s.begin(headers, widths);
    return s;
  }

  /** Finishes every sheet and writes the workbook to {@code out} (closed). */
  public void writeTo(OutputStream out) throws IOException {
    for (Sheet s : sheets) {
      s.finish();
    }
    try (ZipAssembler zip = new ZipAssembler(new BufferedOutputStream(out, 1 << 16))) {
      zip.deflated("[Content_Types].xml", PackageFiles.utf8(contentTypes()), level);
      zip.deflated("_rels/.rels", PackageFiles.utf8(rootRels()), level);
      zip.deflated("docProps/app.xml", PackageFiles.utf8(app()), level);
      zip.deflated("docProps/core.xml", PackageFiles.utf8(core()), level);
      zip.deflated("xl/workbook.xml", PackageFiles.utf8(workbook()), level);
      zip.deflated("xl/_rels/workbook.xml.rels", PackageFiles.utf8(workbookRels()), level);
      zip.deflated("xl/styles.xml", PackageFiles.utf8(STYLES), level);
      for (Sheet s : sheets) {
        zip.deflated("xl/worksheets/sheet" + s.index + ".xml", s.crc.getValue(), s.size, s.part);
      }
    }
  }

  @Override
  public void close() {
    for (Sheet s : sheets) {
      s.discard();
    }
  }

  private String contentTypes() {
    StringBuilder b =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\""
                + " ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
                + "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/"
                + "vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/"
                + "vnd.openxmlformats-package.core-properties+xml\"/>"
                + "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/"
                + "vnd.openxmlformats-officedocument.extended-properties+xml\"/>");
    for (Sheet s : sheets) {
      b.append("<Override PartName=\"/xl/worksheets/sheet")
          .append(s.index)
          .append(".xml\" ContentType=\"application/")
          .append("vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
    }
    return b.append("</Types>").toString();
  }

  private static String rootRels() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\""
        + REL
        + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
        + "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
        + "<Relationship Id=\"rId3\" Type=\""
        + REL
        + "/extended-properties\" Target=\"docProps/app.xml\"/>"
        + "</Relationships>";
  }

  private static String app() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
        + "extended-properties\"><Application>massbalance</Application></Properties>";
  }

  private String core() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
        + "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
        + " xmlns:dcterms=\"http://purl.org/dc/terms/\""
        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        + "<dc:creator>massbalance</dc:creator>"
        + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">"
        + created.truncatedTo(ChronoUnit.SECONDS)
        + "</dcterms:created></cp:coreProperties>";
  }

  private String workbook() {
    StringBuilder b =
        new StringBuilder(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"")
            .append(MAIN)
            .append("\" xmlns:r=\"")
            .append(REL)
            .append("\"><bookViews><workbookView/></bookViews><sheets>");
    for (Sheet s : sheets) {
      b.append("<sheet name=\"")
          .append(escape(s.name))
          .append("\" sheetId=\"")
          .append(s.index)
          .append("\" r:id=\"rId")
          .append(s.index)
          .append("\"/>");
    }
    b.append("</sheets><definedNames>");
    for (Sheet s : sheets) {
      b.append("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"")
          .append(s.index - 1)
          .append("\" hidden=\"1\">'")
          .append(escape(s.name.replace("'", "''")))
          .append("'!$A$1:$")
          .append(column(s.columns - 1))
          .append('$')
          .append(Math.max(1, s.rows))
          .append("</definedName>");
    }
    return b.append("</definedNames></workbook>").toString();
  }

  private String workbookRels() {
    StringBuilder b =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                + "relationships\">");
    for (Sheet s : sheets) {
      b.append("<Relationship Id=\"rId")
          .append(s.index)
          .append("\" Type=\"")
          .append(REL)
          .append("/worksheet\" Target=\"worksheets/sheet")
          .append(s.index)
          .append(".xml\"/>");
    }
    b.append("<Relationship Id=\"rId")
        .append(sheets.size() + 1)
        .append("\" Type=\"")
        .append(REL)
        .append("/styles\" Target=\"styles.xml\"/>");
    return b.append("</Relationships>").toString();
  }

  private static final String STYLES =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\""
          + MAIN
          + "\"><fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
          + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
          + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
          + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
          + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border>"
          + "</borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\""
          + " borderId=\"0\"/></cellStyleXfs><cellXfs count=\"2\"><xf numFmtId=\"0\""
          + " fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"0\""
          + " fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>"
          + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>"
          + "</cellStyles></styleSheet>";

  /** The column letters of a 0-based column index (A, ..., Z, AA, ...). */
  static String column(int c) {
    StringBuilder b = new StringBuilder();
    int n = c + 1;
    while (n > 0) {
      int r = (n - 1) % 26;
      b.insert(0, (char) ('A' + r));
      n = (n - 1) / 26;
    }
    return b.toString();
  }

  /** XML text: {@code & < > "} escaped, characters XML cannot hold as {@code _xHHHH_}. */
  static String escape(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            default ->
                (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF
                    ? String.format("_x%04X_", (int) c)
                    : null;
          };
      if (rep != null) {
        if (b == null) {
          b = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        b.append(rep);
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }

  /** One sheet being written: its rows go through a deflater into its part file. */
  public final class Sheet {
    private final int index;
    private final String name;
    private final int columns;
    private final String[] letters;
    private final Path part;
    private final CRC32 crc = new CRC32();
    private final Deflater deflater;
    private final Writer xml;
    private long size;
    private int rows;
    private boolean finished;

    private Sheet(int index, String name, int columns) throws IOException {
      this.index = index;
      this.name = name;
      this.columns = columns;
      this.letters = new String[columns];
      for (int c = 0; c < columns; c++) {
        letters[c] = column(c);
      }
      Files.createDirectories(work);
      this.part = Files.createTempFile(work, "sheet-", ".deflate");
      this.deflater = new Deflater(level, true);
      OutputStream file = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16);
      OutputStream counted =
          new OutputStream() {
            private final DeflaterOutputStream z =
                new DeflaterOutputStream(file, deflater, 1 << 16);

            @Override
            public void write(int b) throws IOException {
              write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              crc.update(b, off, len);
              size += len;
              z.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
              z.close();
            }
          };
      this.xml =
          new BufferedWriter(new OutputStreamWriter(counted, StandardCharsets.UTF_8), 1 << 16);
    }

    /** The sheet's name. */
    public String name() {
      return name;
    }

    /** Rows written, the header included. */
    public int rows() {
      return rows;
    }

    private void begin(List<String> headers, int[] widths) throws IOException {
      xml.write(
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"");
      xml.write(MAIN);
      xml.write("\" xmlns:r=\"");
      xml.write(REL);
      xml.write(
          "\"><sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\""
              + " activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\"/>"
              + "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><cols>");
      for (int c = 0; c < columns; c++) {
        xml.write("<col min=\"" + (c + 1) + "\" max=\"" + (c + 1) + "\" width=\"");
        xml.write(Integer.toString(Math.min(widths[c], 255)));
        xml.write("\" customWidth=\"1\"/>");
      }
      xml.write("</cols><sheetData>");
      Object[] h = headers.toArray();
      row(h, true);
    }

    /** Appends a row: String, BigDecimal, Long, Integer, Boolean or null cells, in order. */
    public void row(Object[] cells) throws IOException {
      row(cells, false);
    }

    private void row(Object[] cells, boolean header) throws IOException {
      rows++;
      String r = Integer.toString(rows);
      xml.write("<row r=\"");
      xml.write(r);
      xml.write("\">");
      for (int c = 0; c < cells.length && c < columns; c++) {
        Object v = cells[c];
        if (v == null) {
          continue;
        }
        xml.write("<c r=\"");
        xml.write(letters[c]);
        xml.write(r);
        if (header) {
          xml.write("\" s=\"1");
        }
        if (v instanceof BigDecimal d) {
          xml.write("\"><v>");
          xml.write(d.stripTrailingZeros().toPlainString());
          xml.write("</v></c>");
        } else if (v instanceof Long || v instanceof Integer) {
          xml.write("\"><v>");
          xml.write(v.toString());
          xml.write("</v></c>");
        } else if (v instanceof Boolean b) {
          xml.write("\" t=\"b\"><v>");
          xml.write(b ? "1" : "0");
          xml.write("</v></c>");
        } else {
          String s = v.toString();
          boolean space = !s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ');
          xml.write("\" t=\"inlineStr\"><is><t");
          if (space || s.indexOf('\n') >= 0) {
            xml.write(" xml:space=\"preserve\"");
          }
          xml.write('>');
          xml.write(escape(s));
          xml.write("</t></is></c>");
        }
      }
      xml.write("</row>");
    }

    private void finish() throws IOException {
      if (finished) {
        return;
      }
      finished = true;
      xml.write("</sheetData><autoFilter ref=\"A1:");
      xml.write(letters[columns - 1]);
      xml.write(Integer.toString(Math.max(1, rows)));
      xml.write(
          "\"/><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\""
              + " header=\"0.3\" footer=\"0.3\"/></worksheet>");
      xml.close();
      deflater.end();
    }

    private void discard() {
      try {
        if (!finished) {
          finished = true;
          xml.close();
          deflater.end();
        }
        Files.deleteIfExists(part);
      } catch (IOException e) {
        // left in the work directory
      }
    }
  }
}
