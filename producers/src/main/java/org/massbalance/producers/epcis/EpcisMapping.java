package org.massbalance.producers.epcis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.massbalance.avro.Movement;
import org.massbalance.avro.TransformationItem;

/**
 * The contract's mapping of an EPCIS 2.0 ObjectEvent to movements (one per {@code quantityList}
 * item), and of a TransformationEvent to (a part of) a transformation, all or nothing: an event
 * that cannot be mapped whole is refused with the reason.
 *
 * <ul>
 *   <li>{@code bizStep} (bare, CBV URN or {@code https://ref.gs1.org/cbv/BizStep-} URI): {@code
 *       receiving} → RECEIPT, {@code shipping} → SALE, or TRANSFER when a {@code destinationList}
 *       location maps to another site, {@code destroying} → WASTE with the disposition as reason,
 *       {@code inventory_check} / {@code cycle_counting} → COUNT; others, and other event types
 *       (AggregationEvent, AssociationEvent, ...), are refused.
 *   <li>{@code eventID} → movement_id: kept when it is a valid id; the hash of a {@code
 *       ni:///sha-256;HEX} id, the UUID of a {@code urn:uuid:} id; else the SHA-256 (hex) of the
 *       eventID; without eventID, the SHA-256 of the event (its JSON with keys sorted). With more
 *       than one quantity item, {@code -1}, {@code -2}, ... is appended (the id cut to fit 64).
 *   <li>{@code eventTime} shown at {@code eventTimeZoneOffset} → occurred_at.
 *   <li>{@code quantityList} items: {@code epcClass} (LGTIN URN or Digital Link) → product through
 *       the GTIN map, its lot → lot_id; {@code quantity} exact; {@code uom} KGM, GRM, TNE, LBR, ONZ
 *       → kg, g, t, lb, oz (UN/ECE Recommendation 20); a quantity without uom (a count of items) is
 *       refused.
 *   <li>{@code bizLocation}, else {@code readPoint} (SGLN URN or Digital Link) → site through the
 *       GLN map.
 *   <li>{@code sourceList} owning party → supplier_id (its GLN when it has one); {@code
 *       certificationInfo} holding an INTEGRITY URL or a 10-digit id → supplier_nop_id (receipts);
 *       the first {@code bizTransactionList} item → document_ref; a shipping's destination owning
 *       party → counterparty_id.
 * </ul>
 *
 * <p>A TransformationEvent ({@link #transformation}): {@code inputQuantityList} → inputs, {@code
 * outputQuantityList} → MAIN outputs (items as above: product, lot, exact positive quantity, unit);
 * {@code transformationID}, else {@code eventID}, → transformation_id by the rules of movement ids,
 * but at most {@value #TRANSFORMATION_ID_MAX} characters (an id derived from a hash is its first
 * {@value #TRANSFORMATION_ID_MAX} hex digits), so that the engine's {@code {id}.out.{n}} is a
 * movement id; site, occurred_at and document_ref as above. Instance-level EPCs ({@code
 * inputEPCList}, {@code outputEPCList}) carry no quantity: an event with them is refused. Events
 * sharing a transformationID are put together by {@link EpcisIngest}.
 */
public final class EpcisMapping {

  /** An event that cannot be mapped. */
  public static final class EventRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    EventRefusedException(String message) {
      super(message);
    }
  }

  /** UN/ECE Recommendation 20 codes the engine's units have. */
  public static final Map<String, String> UNITS =
      Map.of("KGM", "kg", "GRM", "g", "TNE", "t", "LBR", "lb", "ONZ", "oz");

  private static final Pattern ID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");

  /** The longest transformation id (the engine's rule). */
  public static final int TRANSFORMATION_ID_MAX = 56;

  private static final Pattern TRANSFORMATION_ID =
      Pattern.compile("^[A-Za-z0-9._-]{1," + TRANSFORMATION_ID_MAX + "}$");
  private static final Pattern NI_SHA256 =
      Pattern.compile("^ni:///sha-256;([0-9A-Fa-f]{64})(\\?.*)?$");
  private static final Pattern UUID =
      Pattern.compile(
          "^urn:uuid:([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})$");
  private static final Pattern INTEGRITY_NOP_ID = Pattern.compile("nopid=([0-9]{10})(?![0-9])");

  /**
   * A certificationInfo value (a URI, by the schema) that ends in a NOP ID: ten digits as its
   * whole, its last path segment or its last colon-separated part ({@code urn:...:8150000016}).
   */
  private static final Pattern BARE_NOP_ID = Pattern.compile("(?:^|[/:])([0-9]{10})$");

  /** Integer digits beyond which a quantity is refused (the engine's own bound). */
  static final int MAX_INTEGER_DIGITS = 24;

  private static final ObjectMapper SORTED =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private final EpcisMaps maps;

  /** A mapping through the location and product maps. */
  public EpcisMapping(EpcisMaps maps) {
    this.maps = maps;
  }

  /**
   * The movements of an event.
   *
   * @throws EventRefusedException with the reason when it cannot be mapped whole
   */
  public List<Movement> map(JsonNode event) throws EventRefusedException {
    String type = text(event, "type");
    if (!"ObjectEvent".equals(type)) {
      throw new EventRefusedException(
          (type == null ? "an event without type" : type)
              + " is not mapped (only ObjectEvents and TransformationEvents are)");
    }
    String bizStep = vocabulary(text(event, "bizStep"), "bizstep", "BizStep-");
    if (bizStep == null) {
      throw new EventRefusedException("no bizStep");
    }
    String movementType =
        switch (bizStep) {
          case "receiving" -> "RECEIPT";
          case "shipping" -> "SALE";
          case "destroying" -> "WASTE";
          case "inventory_check", "cycle_counting" -> "COUNT";
          default ->
              throw new EventRefusedException(
                  "bizStep '"
                      + bizStep
                      + "' is not mapped (receiving, shipping, destroying, inventory_check,"
                      + " cycle_counting)");
        };
    JsonNode quantities = event.path("quantityList");
    if (!quantities.isArray() || quantities.isEmpty()) {
      throw new EventRefusedException(
          "no quantityList: instance-level EPCs (epcList) carry no quantity");
    }
    String occurredAt = occurredAt(event);
    String siteId = site(event);
    String toSiteId = null;
    String counterparty = null;
    if ("SALE".equals(movementType)) {
      for (JsonNode d : event.path("destinationList")) {
        String dtype = vocabulary(text(d, "type"), "sdt", "SDT-");
        String value = text(d, "destination");
        if (value == null) {
          continue;
        }
        if ("location".equals(dtype)) {
          Optional<String> gln = Gs1Keys.glnIfAny(value);
          String mapped = gln.map(maps.sites()::get).orElse(null);
          if (mapped != null && !mapped.equals(siteId)) {
            toSiteId = mapped;
          }
        } else if ("owning_party".equals(dtype) && counterparty == null) {
          counterparty = Gs1Keys.glnIfAny(value).orElse(value);
        }
      }
      if (toSiteId != null) {
        movementType = "TRANSFER";
        counterparty = null;
      }
    }
    String supplier = null;
    for (JsonNode s : event.path("sourceList")) {
      if ("owning_party".equals(vocabulary(text(s, "type"), "sdt", "SDT-"))
          && text(s, "source") != null) {
        supplier = Gs1Keys.glnIfAny(text(s, "source")).orElse(text(s, "source"));
        break;
      }
    }
    String nopId = "RECEIPT".equals(movementType) ? nopId(event.path("certificationInfo")) : null;
    String documentRef = null;
    JsonNode transactions = event.path("bizTransactionList");
    if (transactions.isArray() && !transactions.isEmpty()) {
      documentRef = text(transactions.get(0), "bizTransaction");
    }
    String reason =
        "WASTE".equals(movementType)
            ? vocabulary(text(event, "disposition"), "disp", "Disp-")
            : null;
    String baseId = movementId(event);
    List<Movement> movements = new ArrayList<>();
    int n = quantities.size();
    for (int i = 0; i < n; i++) {
      Item item = item(quantities.get(i), "quantityList", i, "COUNT".equals(movementType));
      String id = n == 1 ? baseId : suffixed(baseId, i + 1);
      movements.add(
          Movement.newBuilder()
              .setMovementId(id)
              .setType(movementType)
              .setOccurredAt(occurredAt)
              .setSiteId(siteId)
              .setProductId(item.productId())
              .setQuantity(item.quantity())
              .setUnit(item.unit())
              .setLotId(item.lot())
              .setSupplierId("RECEIPT".equals(movementType) ? supplier : null)
              .setSupplierNopId(nopId)
              .setCounterpartyId(counterparty)
              .setDocumentRef(documentRef)
              .setReason(reason)
              .setToSiteId(toSiteId)
              .build());
    }
    return movements;
  }

  /** A quantity item mapped: product, lot (or null), exact quantity, unit. */
  private record Item(String productId, String lot, String quantity, String unit) {}

  /**
   * One transformation's part in one TransformationEvent.
   *
   * @param transformationId the transformation id (from transformationID, else eventID)
   * @param siteId the site
   * @param occurredAt eventTime at its offset
   * @param documentRef the first bizTransaction, or null
   * @param inputs the inputs, in list order
   * @param outputs the outputs (role MAIN), in list order
   */
  public record TransformationPart(
      String transformationId,
      String siteId,
      String occurredAt,
      String documentRef,
      List<TransformationItem> inputs,
      List<TransformationItem> outputs) {}

  /**
   * The transformation (or its part) of a TransformationEvent.
   *
   * @throws EventRefusedException with the reason when it cannot be mapped whole
   */
  public TransformationPart transformation(JsonNode event) throws EventRefusedException {
    String type = text(event, "type");
    if (!"TransformationEvent".equals(type)) {
      throw new EventRefusedException(
          (type == null ? "an event without type" : type) + " is not a TransformationEvent");
    }
    for (String epcs : List.of("inputEPCList", "outputEPCList")) {
      if (event.path(epcs).isArray() && !event.path(epcs).isEmpty()) {
        throw new EventRefusedException(
            epcs
                + ": instance-level EPCs carry no quantity (only inputQuantityList and"
                + " outputQuantityList are mapped)");
      }
    }
    List<TransformationItem> inputs = new ArrayList<>();
    List<TransformationItem> outputs = new ArrayList<>();
    for (String list : List.of("inputQuantityList", "outputQuantityList")) {
      JsonNode quantities = event.path(list);
      boolean output = list.startsWith("output");
      for (int i = 0; i < quantities.size(); i++) {
        Item item = item(quantities.get(i), list, i, false);
        (output ? outputs : inputs)
            .add(
                TransformationItem.newBuilder()
                    .setProductId(item.productId())
                    .setQuantity(item.quantity())
                    .setUnit(item.unit())
                    .setLotId(item.lot())
                    .setRole(output ? "MAIN" : null)
                    .build());
      }
    }
    if (inputs.isEmpty() && outputs.isEmpty()) {
      throw new EventRefusedException("no inputQuantityList or outputQuantityList");
    }
    String occurredAt = occurredAt(event);
    String siteId = site(event);
    String documentRef = null;
    JsonNode transactions = event.path("bizTransactionList");
    if (transactions.isArray() && !transactions.isEmpty()) {
      documentRef = text(transactions.get(0), "bizTransaction");
    }
    return new TransformationPart(
        transformationId(event), siteId, occurredAt, documentRef, inputs, outputs);
  }

  private Item item(JsonNode q, String list, int i, boolean zeroAllowed)
      throws EventRefusedException {
    String epcClass = text(q, "epcClass");
    Gs1Keys.ItemClass item;
    try {
      item = Gs1Keys.itemClass(epcClass == null ? "" : epcClass);
    } catch (IllegalArgumentException e) {
      throw new EventRefusedException(list + "[" + i + "].epcClass " + e.getMessage());
    }
    if (item.lot() != null && !ID.matcher(item.lot()).matches()) {
      throw new EventRefusedException(
          list
              + "["
              + i
              + "].epcClass lot '"
              + item.lot()
              + "' is not a lot_id (1 to 64 of A-Z a-z 0-9 . _ -)");
    }
    String productId = maps.products().get(item.gtin());
    if (productId == null) {
      throw new EventRefusedException("GTIN " + item.gtin() + " is not in --products");
    }
    return new Item(productId, item.lot(), quantity(q, list, i, zeroAllowed), unit(q, list, i));
  }

  private String site(JsonNode event) throws EventRefusedException {
    String where = text(event.path("bizLocation"), "id");
    String field = "bizLocation";
    if (where == null) {
      where = text(event.path("readPoint"), "id");
      field = "readPoint";
    }
    if (where == null) {
      throw new EventRefusedException("no bizLocation or readPoint");
    }
    String gln;
    try {
      gln = Gs1Keys.gln(where);
    } catch (IllegalArgumentException e) {
      throw new EventRefusedException(field + " " + e.getMessage());
    }
    String site = maps.sites().get(gln);
    if (site == null) {
      throw new EventRefusedException(field + " GLN " + gln + " is not in --locations");
    }
    return site;
  }

  static String occurredAt(JsonNode event) throws EventRefusedException {
    String time = text(event, "eventTime");
    String offset = text(event, "eventTimeZoneOffset");
    if (time == null) {
      throw new EventRefusedException("no eventTime");
    }
    try {
      OffsetDateTime t = OffsetDateTime.parse(time);
      if (offset != null) {
        t = t.withOffsetSameInstant(ZoneOffset.of(offset));
      }
      return t.toString();
    } catch (java.time.DateTimeException e) {
      throw new EventRefusedException(
          "eventTime '" + time + "' / eventTimeZoneOffset '" + offset + "' cannot be read");
    }
  }

  private static String quantity(JsonNode q, String list, int i, boolean zeroAllowed)
      throws EventRefusedException {
    JsonNode v = q.get("quantity");
    if (v == null || !v.isNumber()) {
      throw new EventRefusedException(list + "[" + i + "] has no quantity");
    }
    BigDecimal d = v.decimalValue().stripTrailingZeros();
    // Bounded before any plain formatting: 1e99999999 would otherwise print 100 million digits.
    if (d.precision() - d.scale() > MAX_INTEGER_DIGITS) {
      throw new EventRefusedException(
          list + "[" + i + "].quantity has more than " + MAX_INTEGER_DIGITS + " integer digits");
    }
    if (d.scale() > 6) {
      throw new EventRefusedException(
          list + "[" + i + "].quantity " + d.toPlainString() + " has more than 6 decimals");
    }
    if (d.scale() < 0) {
      d = d.setScale(0);
    }
    if (d.signum() < 0 || (d.signum() == 0 && !zeroAllowed)) {
      throw new EventRefusedException(
          list + "[" + i + "].quantity " + d.toPlainString() + " is not positive");
    }
    return d.toPlainString();
  }

  private static String unit(JsonNode q, String list, int i) throws EventRefusedException {
    String uom = text(q, "uom");
    if (uom == null) {
      throw new EventRefusedException(
          list + "[" + i + "] has no uom: a count of items cannot be weighed");
    }
    String unit = UNITS.get(uom);
    if (unit == null) {
      throw new EventRefusedException(
          list + "[" + i + "].uom '" + uom + "' is not mapped (KGM, GRM, TNE, LBR, ONZ)");
    }
    return unit;
  }

  static String nopId(JsonNode certificationInfo) {
    List<String> values = new ArrayList<>();
    if (certificationInfo.isArray()) {
      certificationInfo.forEach(v -> values.add(v.asText()));
    } else if (certificationInfo.isTextual()) {
      values.add(certificationInfo.asText());
    }
    for (String v : values) {
      Matcher m = INTEGRITY_NOP_ID.matcher(v);
      if (m.find()) {
        return m.group(1);
      }
    }
    for (String v : values) {
      Matcher m = BARE_NOP_ID.matcher(v.trim());
      if (m.find()) {
        return m.group(1);
      }
    }
    return null;
  }

  /** The movement id of an event (before any per-item suffix). */
  static String movementId(JsonNode event) {
    return id(text(event, "eventID"), event, ID, 64);
  }

  /**
   * The transformation id of a TransformationEvent: from its transformationID, else its eventID,
   * else its content, by the rules of movement ids cut to {@value #TRANSFORMATION_ID_MAX}.
   */
  static String transformationId(JsonNode event) {
    String raw = text(event, "transformationID");
    return id(
        raw != null ? raw : text(event, "eventID"),
        event,
        TRANSFORMATION_ID,
        TRANSFORMATION_ID_MAX);
  }

  /**
   * An id from a URI: kept when {@code valid}; the hash of a {@code ni:///sha-256;HEX} id, the UUID
   * of a {@code urn:uuid:} id; else the SHA-256 (hex) of the URI; without one, the SHA-256 of the
   * event (its JSON with keys sorted); a hash cut to {@code max} characters.
   */
  private static String id(String uri, JsonNode event, Pattern valid, int max) {
    String id;
    if (uri == null) {
      try {
        id = sha256(SORTED.writeValueAsString(SORTED.treeToValue(event, Object.class)));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    } else if (valid.matcher(uri).matches()) {
      return uri;
    } else {
      Matcher ni = NI_SHA256.matcher(uri);
      Matcher uuid = UUID.matcher(uri);
      if (ni.matches()) {
        id = ni.group(1).toLowerCase(Locale.ROOT);
      } else if (uuid.matches()) {
        id = uuid.group(1).toLowerCase(Locale.ROOT);
      } else {
        id = sha256(uri);
      }
    }
    return id.length() > max ? id.substring(0, max) : id;
  }

  private static String suffixed(String id, int n) {
    String suffix = "-" + n;
    return (id.length() + suffix.length() > 64 ? id.substring(0, 64 - suffix.length()) : id)
        + suffix;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The term of a CBV value given bare, as URN ({@code urn:epcglobal:cbv:KIND:term}) or as Web URI
   * ({@code https://ref.gs1.org/cbv/PREFIXterm}); null when absent.
   */
  static String vocabulary(String value, String urnKind, String webPrefix) {
    if (value == null) {
      return null;
    }
    String urn = "urn:epcglobal:cbv:" + urnKind + ":";
    if (value.startsWith(urn)) {
      return value.substring(urn.length());
    }
    int web = value.indexOf("/cbv/" + webPrefix);
    if (web >= 0) {
      return value.substring(web + 5 + webPrefix.length());
    }
    return value;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || v.isNull() || !v.isValueNode()) {
      return null;
    }
    String s = v.asText().strip();
    return s.isEmpty() ? null : s;
  }
}
