package org.massbalance.engine.audit;

import static org.massbalance.engine.audit.Table.Kind.LONG_TEXT;
import static org.massbalance.engine.audit.Table.Kind.QUANTITY;
import static org.massbalance.engine.audit.Table.Kind.TEXT;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.massbalance.avro.Product;
import org.massbalance.avro.Site;
import org.massbalance.avro.SupplierCertificate;
import org.massbalance.engine.audit.AuditData.Arrival;
import org.massbalance.engine.audit.AuditData.LineageInput;
import org.massbalance.engine.audit.AuditData.LotRecord;
import org.massbalance.engine.audit.AuditData.ProcessInput;
import org.massbalance.engine.audit.AuditData.ProcessOutput;
import org.massbalance.engine.audit.AuditData.ProcessRecord;
import org.massbalance.engine.audit.AuditData.TracedLot;
import org.massbalance.engine.audit.AuditData.TracedMovement;
import org.massbalance.engine.audit.io.SortKey;

/**
 * The FSMA 204 sheets (FDA's Food Traceability Rule, 21 CFR Part 1 Subpart S): one row per
 * traceability lot code and event with the key data elements of receiving (1.1345), shipping
 * (1.1340) and transformation (1.1350), for the electronic sortable spreadsheet a firm hands FDA
 * within 24 hours (1.1455(c)(3)(ii)). Column headers come from {@code fsma204-columns.properties}
 * beside this class, or a file of the same keys ({@code --fsma-columns}); a row lacking a required
 * element lists it in the {@code missing} column.
 *
 * <p>Choices (ADR 33): the traceability lot code of a lot received from a supplier is the
 * supplier's lot ({@code supplier_lot}, the code the shipper assigned), else the engine's lot id
 * (the firm assigned it: a lot without a supplier lot, a lot a transformation made); the TLC source
 * is then the supplier, else the site that assigned it. Locations of the firm's own sites are
 * described from the {@code sites} records (name, address, country) and lack an element when the
 * site has no address; a supplier is described by what the engine knows (its operation name from
 * the certificate record, its id and NOP ID), a customer by its counterparty id. The reference
 * document is a movement's {@code document_ref}, its type read from the reference's leading letters
 * (PO, SO, BOL, INV, ... in the columns file; else "document"). Receipts' documents come from the
 * movements topic (the engine keeps none), transfers' and sales' from the back traces, a
 * transformation's from its record.
 */
public final class Fsma204 {

  /** The resource of the default column headers, beside this class. */
  public static final String COLUMNS_RESOURCE = "fsma204-columns.properties";

  /** The three sheets. */
  public enum Kind {
    RECEIVING("FSMA 204 Receiving", "fsma204-receiving.csv", "receiving"),
    SHIPPING("FSMA 204 Shipping", "fsma204-shipping.csv", "shipping"),
    TRANSFORMATION("FSMA 204 Transformation", "fsma204-transformation.csv", "transformation");

    private final String sheet;
    private final String file;
    private final String prefix;

    Kind(String sheet, String file, String prefix) {
      this.sheet = sheet;
      this.file = file;
      this.prefix = prefix;
    }

    /** The sheet's name. */
    public String sheet() {
      return sheet;
    }
  }

  /** A column: its key in the columns file, its kind, and whether the rule requires it. */
  record Element(String key, Table.Kind kind, boolean required) {}

  private static Element kde(String key) {
    return new Element(key, key.endsWith("quantity") ? QUANTITY : LONG_TEXT, true);
  }

  private static Element context(String key) {
    return new Element(key, TEXT, false);
  }

  static final List<Element> RECEIVING =
      List.of(
          kde("traceability_lot_code"),
          kde("quantity"),
          kde("unit_of_measure"),
          kde("product_description"),
          kde("previous_source_location"),
          kde("receiving_location"),
          kde("date_received"),
          kde("tlc_source_location"),
          kde("reference_document_type"),
          kde("reference_document_number"),
          context("site_id"),
          context("product_id"),
          context("lot_id"),
          context("event"),
          context("movement_id"));

  static final List<Element> SHIPPING =
      List.of(
          kde("traceability_lot_code"),
          kde("quantity"),
          kde("unit_of_measure"),
          kde("product_description"),
          kde("recipient_location"),
          kde("ship_from_location"),
          kde("date_shipped"),
          kde("tlc_source_location"),
          kde("reference_document_type"),
          kde("reference_document_number"),
          context("site_id"),
          context("product_id"),
          context("lot_id"),
          context("event"),
          context("movement_id"));

  static final List<Element> TRANSFORMATION =
      List.of(
          kde("input_traceability_lot_code"),
          kde("input_product_description"),
          kde("input_quantity"),
          kde("input_unit_of_measure"),
          kde("new_traceability_lot_code"),
          kde("new_product_description"),
          kde("new_quantity"),
          kde("new_unit_of_measure"),
          kde("transformation_location"),
          kde("date_completed"),
          kde("reference_document_type"),
          kde("reference_document_number"),
          context("site_id"),
          context("transformation_id"),
          context("input_product_id"),
          context("input_lot_id"),
          context("output_product_id"),
          context("output_lot_id"));

  static List<Element> elements(Kind kind) {
    return switch (kind) {
      case RECEIVING -> RECEIVING;
      case SHIPPING -> SHIPPING;
      case TRANSFORMATION -> TRANSFORMATION;
    };
  }

  private Fsma204() {}

  /**
   * The column headers and reference document types: the defaults beside this class, with those of
   * an override file laid over them.
   */
  public static final class Columns {
    private final Map<String, String> headers;
    private final Map<String, String> documents;
    private final Map<Kind, TableSpec> specs = new HashMap<>();

    private Columns(Map<String, String> headers, Map<String, String> documents) {
      this.headers = headers;
      this.documents = documents;
      for (Kind k : Kind.values()) {
        TableSpec.Columns cols = new TableSpec.Columns();
        for (Element e : elements(k)) {
          cols.add(e.kind(), headers.get(k.prefix + "." + e.key()));
        }
        cols.add(LONG_TEXT, headers.get("missing"));
        specs.put(k, new TableSpec(k.sheet, k.file, cols.list()));
      }
    }

    /** The defaults of {@value #COLUMNS_RESOURCE}. */
    public static Columns defaults() {
      try (InputStream in = Fsma204.class.getResourceAsStream(COLUMNS_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(COLUMNS_RESOURCE + " is missing from the jar");
        }
        return of(load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8)), null);
      } catch (IOException e) {
        throw new IllegalStateException(COLUMNS_RESOURCE + " cannot be read", e);
      }
    }

    /**
     * The defaults with the keys of {@code file} laid over them.
     *
     * @throws AuditException naming the file and the key when it cannot be read, names an unknown
     *     key or gives an empty header
     */
    public static Columns of(Path file) {
      Map<String, String> base = defaults().all();
      Map<String, String> over;
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        over = load(r);
      } catch (IOException e) {
        throw new AuditException("cannot read the FSMA 204 columns file " + file + ": " + e);
      }
      for (Map.Entry<String, String> e : over.entrySet()) {
        if (!base.containsKey(e.getKey()) && !e.getKey().startsWith("document.")) {
          throw new AuditException(
              "the FSMA 204 columns file "
                  + file
                  + " names an unknown element '"
                  + e.getKey()
                  + "' (the keys are those of "
                  + COLUMNS_RESOURCE
                  + ")");
        }
        if (e.getValue().isBlank()) {
          throw new AuditException(
              "the FSMA 204 columns file " + file + " gives '" + e.getKey() + "' no header");
        }
      }
      base.putAll(over);
      return of(base, file);
    }

    private static Map<String, String> load(Reader r) throws IOException {
      Properties p = new Properties();
      p.load(r);
      Map<String, String> out = new LinkedHashMap<>();
      for (String k : new TreeSet<>(p.stringPropertyNames())) {
        out.put(k.strip(), p.getProperty(k).strip());
      }
      return out;
    }

    private static Columns of(Map<String, String> all, Path file) {
      Map<String, String> headers = new HashMap<>();
      Map<String, String> documents = new HashMap<>();
      for (Map.Entry<String, String> e : all.entrySet()) {
        if (e.getKey().startsWith("document.")) {
          documents.put(
              e.getKey().substring("document.".length()).toUpperCase(Locale.ROOT), e.getValue());
        } else {
          headers.put(e.getKey(), e.getValue());
        }
      }
      List<String> needed = new ArrayList<>();
      needed.add("missing");
      for (Kind k : Kind.values()) {
        for (Element e : elements(k)) {
          needed.add(k.prefix + "." + e.key());
        }
      }
      for (String n : needed) {
        String h = headers.get(n);
        if (h == null || h.isBlank()) {
          throw new AuditException(
              "FSMA 204 columns"
                  + (file == null ? " (" + COLUMNS_RESOURCE + ")" : " file " + file)
                  + ": no header for '"
                  + n
                  + "'");
        }
      }
      return new Columns(headers, documents);
    }

    private Map<String, String> all() {
      Map<String, String> out = new LinkedHashMap<>(headers);
      documents.forEach((k, v) -> out.put("document." + k, v));
      return out;
    }

    /** The table of a sheet. */
    public TableSpec spec(Kind kind) {
      return specs.get(kind);
    }

    /** The header of an element of a sheet. */
    String header(Kind kind, String element) {
      return headers.get(kind.prefix + "." + element);
    }

    /**
     * The type of the reference document {@code ref}: by its leading letters (PO, SO, BOL, ...),
     * else "document"; null without a reference.
     */
    String documentType(String ref) {
      if (ref == null || ref.isBlank()) {
        return null;
      }
      int end = 0;
      String s = ref.strip();
      while (end < s.length() && Character.isLetter(s.charAt(end))) {
        end++;
      }
      String type = documents.get(s.substring(0, end).toUpperCase(Locale.ROOT));
      return type == null ? "document" : type;
    }
  }

  /**
   * Builds the rows of the three sheets from the package's records: sort keys and rows, handed to a
   * sink (the rows of a sheet come in no particular order; the writer sorts them).
   */
  static final class Builder {

    /** Where a row goes, with the key it sorts by. */
    interface Sink {
      void row(Kind kind, byte[] sortKey, Object[] row);
    }

    private final Columns columns;
    private final AuditInput.Scope scope;
    private final AuditInput.Reference reference;
    private final Predicate<LocalDate> days;
    private final Sink sink;
    private final Map<String, ZoneId> zones = new HashMap<>();
    private final Map<String, String> siteDescriptions = new HashMap<>();
    private long missing;

    /**
     * @param days which event dates (site-local) to give rows for
     */
    Builder(
        Columns columns,
        AuditInput.Scope scope,
        AuditInput.Reference reference,
        Predicate<LocalDate> days,
        Sink sink) {
      this.columns = columns;
      this.scope = scope;
      this.reference = reference;
      this.days = days;
      this.sink = sink;
    }

    /** How many rows lack a required element. */
    long missing() {
      return missing;
    }

    /**
     * The receiving rows of {@code group}'s receipts, the shipping rows of its sales and transfers,
     * and the receiving rows of its transfers at their destinations (and of the arrivals from sites
     * outside the package).
     */
    void add(KeyGroup group) {
      String site = group.siteId();
      String product = group.productId();
      for (LotRecord l : group.lots()) {
        if (!l.receivedHere()
            || l.transformationId() != null
            || !scope.inRange(l.receivedPeriod())) {
          continue;
        }
        LocalDate day = day(l.receivedAt(), site);
        if (day == null || !days.test(day)) {
          continue;
        }
        String tlc = tlc(l.transformationId(), l.supplierLot(), l.lotId());
        String doc =
            l.receiptMovementId() == null
                ? null
                : group.receiptDocuments().get(l.receiptMovementId());
        receiving(
            site,
            product,
            tlc,
            l.received(),
            l.unit(),
            supplier(l.supplierId(), l.supplierNopId()),
            day,
            tlcSource(
                tlc, l.supplierLot(), l.supplierId(), l.supplierNopId(), l.originSiteId(), site),
            doc,
            l.lotId(),
            "RECEIPT",
            l.receiptMovementId());
      }
      for (TracedMovement t : group.traces()) {
        boolean sale = "SALE".equals(t.type());
        boolean transfer = "TRANSFER".equals(t.type());
        if (!sale && !transfer) {
          continue;
        }
        LocalDate day = day(t.occurredAt(), site);
        if (day != null && days.test(day)) {
          String recipient = sale ? t.counterpartyId() : siteDescription(t.toSiteId());
          for (TracedLot l : t.lots()) {
            String tlc = tlc(l.transformationId(), l.supplierLot(), l.lotId());
            shipping(
                site,
                product,
                tlc,
                l.quantity(),
                t.unit(),
                recipient,
                day,
                tlcSource(
                    tlc,
                    l.supplierLot(),
                    l.supplierId(),
                    l.supplierNopId(),
                    l.originSiteId(),
                    site),
                t.documentRef(),
                l.lotId(),
                t.type(),
                t.movementId());
          }
          if (t.uncovered().signum() != 0) {
            shipping(
                site,
                product,
                null,
                t.uncovered(),
                t.unit(),
                recipient,
                day,
                null,
                t.documentRef(),
                null,
                t.type(),
                t.movementId());
          }
        }
        if (transfer && t.toSiteId() != null && scope.inScope(t.toSiteId())) {
          arrived(
              t.toSiteId(),
              product,
              t.occurredAt(),
              site,
              t.movementId(),
              t.documentRef(),
              t.unit(),
              t.lots(),
              t.uncovered());
        }
      }
      for (Arrival a : group.arrivals()) {
        if (!scope.inScope(a.originSiteId())) {
          BigDecimal carried = BigDecimal.ZERO;
          for (TracedLot l : a.lots()) {
            carried = carried.add(l.quantity());
          }
          arrived(
              site,
              product,
              a.occurredAt(),
              a.originSiteId(),
              a.movementId(),
              a.documentRef(),
              a.unit(),
              a.lots(),
              a.quantity().subtract(carried).max(BigDecimal.ZERO));
        }
      }
    }

    private void arrived(
        String site,
        String product,
        String occurredAt,
        String from,
        String movementId,
        String documentRef,
        String unit,
        List<TracedLot> lots,
        BigDecimal uncovered) {
      LocalDate day = day(occurredAt, site);
      if (day == null || !days.test(day)) {
        return;
      }
      String source = siteDescription(from);
      for (TracedLot l : lots) {
        String tlc = tlc(l.transformationId(), l.supplierLot(), l.lotId());
        receiving(
            site,
            product,
            tlc,
            l.quantity(),
            unit,
            source,
            day,
            tlcSource(
                tlc, l.supplierLot(), l.supplierId(), l.supplierNopId(), l.originSiteId(), from),
            documentRef,
            l.lotId(),
            "TRANSFER",
            movementId);
      }
      if (uncovered != null && uncovered.signum() != 0) {
        receiving(
            site,
            product,
            null,
            uncovered,
            unit,
            source,
            day,
            null,
            documentRef,
            null,
            "TRANSFER",
            movementId);
      }
    }

    /** The rows of a transformation: one per new lot and input lot. */
    void add(ProcessRecord t) {
      LocalDate day = day(t.occurredAt(), t.siteId());
      if (day == null || !days.test(day)) {
        return;
      }
      String location = siteDescription(t.siteId());
      for (int o = 0; o < t.outputs().size(); o++) {
        ProcessOutput out = t.outputs().get(o);
        for (int i = 0; i < t.inputs().size(); i++) {
          ProcessInput in = t.inputs().get(i);
          List<LineageInput> drawn =
              in.drawn().isEmpty() ? java.util.Collections.singletonList(null) : in.drawn();
          for (int d = 0; d < drawn.size(); d++) {
            LineageInput l = drawn.get(d);
            Object[] row = new Object[TRANSFORMATION.size() + 1];
            row[0] =
                l == null || l.lotId() == null
                    ? null
                    : tlc(l.transformationId(), l.supplierLot(), l.lotId());
            row[1] = description(in.productId());
            row[2] = l == null ? in.quantity() : l.quantity();
            row[3] = l == null ? in.unit() : l.unit();
            row[4] = out.lotId();
            row[5] = description(out.productId());
            row[6] = out.quantity();
            row[7] = out.unit();
            row[8] = location;
            row[9] = day.toString();
            row[10] = columns.documentType(t.documentRef());
            row[11] = blank(t.documentRef());
            row[12] = t.siteId();
            row[13] = t.transformationId();
            row[14] = in.productId();
            row[15] = l == null ? null : l.lotId();
            row[16] = out.productId();
            row[17] = out.lotId();
            emit(
                Kind.TRANSFORMATION,
                new SortKey()
                    .text(t.siteId())
                    .text(day.toString())
                    .text(t.transformationId())
                    .number(o)
                    .number(i)
                    .number(d)
                    .bytes(),
                row,
                siteComplete(t.siteId()) ? null : 8);
          }
        }
      }
    }

    private void receiving(
        String site,
        String product,
        String tlc,
        BigDecimal quantity,
        String unit,
        String previousSource,
        LocalDate day,
        String tlcSource,
        String documentRef,
        String lotId,
        String event,
        String movementId) {
      Object[] row = new Object[RECEIVING.size() + 1];
      row[0] = tlc;
      row[1] = quantity;
      row[2] = unit;
      row[3] = description(product);
      row[4] = previousSource;
      row[5] = siteDescription(site);
      row[6] = day.toString();
      row[7] = tlcSource;
      row[8] = columns.documentType(documentRef);
      row[9] = blank(documentRef);
      row[10] = site;
      row[11] = product;
      row[12] = lotId;
      row[13] = event;
      row[14] = movementId;
      emit(
          Kind.RECEIVING,
          new SortKey()
              .text(site)
              .text(day.toString())
              .text(product)
              .text(tlc)
              .text(movementId)
              .text(lotId)
              .bytes(),
          row,
          siteComplete(site) ? null : 5);
    }

    private void shipping(
        String site,
        String product,
        String tlc,
        BigDecimal quantity,
        String unit,
        String recipient,
        LocalDate day,
        String tlcSource,
        String documentRef,
        String lotId,
        String event,
        String movementId) {
      Object[] row = new Object[SHIPPING.size() + 1];
      row[0] = tlc;
      row[1] = quantity;
      row[2] = unit;
      row[3] = description(product);
      row[4] = recipient;
      row[5] = siteDescription(site);
      row[6] = day.toString();
      row[7] = tlcSource;
      row[8] = columns.documentType(documentRef);
      row[9] = blank(documentRef);
      row[10] = site;
      row[11] = product;
      row[12] = lotId;
      row[13] = event;
      row[14] = movementId;
      emit(
          Kind.SHIPPING,
          new SortKey()
              .text(site)
              .text(day.toString())
              .text(product)
              .text(movementId)
              .text(lotId)
              .bytes(),
          row,
          siteComplete(site) ? null : 5);
    }

    /**
     * Fills the row's last cell with the headers of the required elements it lacks (the element at
     * {@code incompleteLocation}, a site without an address, counts as lacking) and hands it on.
     */
    private void emit(Kind kind, byte[] key, Object[] row, Integer incompleteLocation) {
      List<Element> elements = elements(kind);
      StringBuilder m = new StringBuilder();
      for (int i = 0; i < elements.size(); i++) {
        Element e = elements.get(i);
        Object v = row[i];
        boolean lacking =
            v == null
                || (v instanceof String s && s.isBlank())
                || Integer.valueOf(i).equals(incompleteLocation);
        if (e.required() && lacking) {
          m.append(m.length() == 0 ? "" : "; ").append(columns.header(kind, e.key()));
        }
      }
      row[elements.size()] = m.length() == 0 ? null : m.toString();
      if (m.length() > 0) {
        missing++;
      }
      sink.row(kind, key, row);
    }

    private static String blank(String s) {
      return s == null || s.isBlank() ? null : s;
    }

    /** The traceability lot code of a lot: its supplier's lot, else the lot id (see above). */
    static String tlc(String transformationId, String supplierLot, String lotId) {
      if (transformationId == null && supplierLot != null && !supplierLot.isBlank()) {
        return supplierLot;
      }
      return lotId;
    }

    /** Where the lot code was assigned: the supplier for a supplier's lot, else the site. */
    private String tlcSource(
        String tlc,
        String supplierLot,
        String supplierId,
        String nopId,
        String originSite,
        String site) {
      if (tlc == null) {
        return null;
      }
      if (tlc.equals(supplierLot)) {
        return supplier(supplierId, nopId);
      }
      return siteDescription(originSite == null ? site : originSite);
    }

    /** "Sierra Almond Co (supplier SUP-1, NOP ID 8150000101)"; null when nothing is known. */
    private String supplier(String supplierId, String nopId) {
      if (supplierId == null && nopId == null) {
        return null;
      }
      SupplierCertificate c = nopId == null ? null : reference.certificates().get(nopId);
      StringBuilder b = new StringBuilder();
      String name = c == null ? null : c.getOperationName();
      if (name != null && !name.isBlank()) {
        b.append(name).append(" (");
      } else {
        b.append("(");
      }
      String sep = "";
      if (supplierId != null) {
        b.append("supplier ").append(supplierId);
        sep = ", ";
      }
      if (nopId != null) {
        b.append(sep).append("NOP ID ").append(nopId);
      }
      return b.append(')').toString();
    }

    /** "Almonds (ALMONDS)", or the id alone when the product has no name. */
    private String description(String productId) {
      Product p = reference.products().get(productId);
      return p == null || p.getName() == null || p.getName().isBlank()
          ? productId
          : p.getName() + " (" + productId + ")";
    }

    /** "Fresno warehouse (FRESNO), 2900 S Cherry Ave, Fresno, CA 93706, US". */
    String siteDescription(String siteId) {
      if (siteId == null) {
        return null;
      }
      return siteDescriptions.computeIfAbsent(
          siteId,
          id -> {
            Site s = reference.sites().get(id);
            if (s == null) {
              return id;
            }
            StringBuilder b = new StringBuilder();
            b.append(
                s.getName() == null || s.getName().isBlank() ? id : s.getName() + " (" + id + ")");
            append(b, s.getAddressLine());
            String cityLine = join(" ", join(", ", s.getCity(), s.getRegion()), s.getPostalCode());
            append(b, cityLine);
            append(b, s.getCountry());
            return b.toString();
          });
    }

    /** Whether a site's record gives an address (else its location description lacks one). */
    private boolean siteComplete(String siteId) {
      Site s = reference.sites().get(siteId);
      return s != null
          && ((s.getAddressLine() != null && !s.getAddressLine().isBlank())
              || (s.getCity() != null && !s.getCity().isBlank()));
    }

    private static void append(StringBuilder b, String part) {
      if (part != null && !part.isBlank()) {
        b.append(", ").append(part.strip());
      }
    }

    private static String join(String sep, String a, String b) {
      boolean hasA = a != null && !a.isBlank();
      boolean hasB = b != null && !b.isBlank();
      if (hasA && hasB) {
        return a.strip() + sep + b.strip();
      }
      return hasA ? a.strip() : hasB ? b.strip() : null;
    }

    /** The site-local date of an instant, or null when it cannot be read. */
    private LocalDate day(String instant, String site) {
      if (instant == null) {
        return null;
      }
      try {
        return Instant.parse(instant).atZone(zone(site)).toLocalDate();
      } catch (DateTimeException e) {
        return null;
      }
    }

    private ZoneId zone(String site) {
      return zones.computeIfAbsent(
          site,
          id -> {
            Site s = reference.sites().get(id);
            if (s == null || s.getTimeZone() == null || s.getTimeZone().isBlank()) {
              return ZoneOffset.UTC;
            }
            try {
              return ZoneId.of(s.getTimeZone().strip());
            } catch (DateTimeException e) {
              return ZoneOffset.UTC;
            }
          });
    }
  }
}
