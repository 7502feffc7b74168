package org.massbalance.engine.labels;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a lot's label shows: the product (name, id, GTIN), the lot id, its site and received date
 * (site-local), the supplier's lot and NOP ID, the organic claim and the supplier's certifier, and
 * the URI its QR code holds: the lot's GS1 Digital Link, or for a product without a GTIN the lot's
 * dashboard page (with a note saying so). The engine answers it as JSON ({@link #toJson}) and as an
 * SVG ({@link LabelSvg}); {@code labels} reads the JSON back ({@link #fromJson}) to draw a sheet.
 *
 * @param productName the product's display name, or null (the product id is shown)
 * @param gtin the product's 14-digit GTIN, or null
 * @param receivedOn the site-local date of the original receipt, or null when unknown
 * @param certifier the certifier named by the certificate record of {@code supplierNopId}, or null
 * @param qrUri what the QR code holds: {@code digitalLink}, or the dashboard page without a GTIN
 * @param digitalLink the lot's GS1 Digital Link URI, or null without a GTIN
 */
public record LabelData(
    String siteId,
    String productId,
    String productName,
    String gtin,
    String lotId,
    LocalDate receivedOn,
    String supplierLot,
    String supplierNopId,
    Claim claim,
    String certifier,
    String qrUri,
    String digitalLink) {

  /** The note a label without a GTIN carries beneath its code. */
  public static final String NO_GTIN_NOTE =
      "No GTIN for this product: the code opens this lot in the dashboard";

  /**
   * The organic claim a label may make for its lot (205.307: a nonretail container of organic
   * product carries the lot number and may say "organic"), from the product's organic flag and the
   * lot's certification at receipt.
   */
  public enum Claim {
    /**
     * An organic product whose lot came from a supplier certified at receipt (or certified inputs).
     */
    ORGANIC("ORGANIC", "certified at receipt"),
    /** An organic product whose lot was not certified at receipt: not to be sold as organic. */
    NOT_CERTIFIED("NOT CERTIFIED", "not to be sold as organic"),
    /** An organic product whose lot names no certificate (no NOP ID, or an adjustment lot). */
    UNVERIFIED("ORGANIC STATUS UNKNOWN", "no certificate at receipt"),
    /** A product not marked organic. */
    NON_ORGANIC("NON-ORGANIC", "no organic claim");

    private final String text;
    private final String detail;

    Claim(String text, String detail) {
      this.text = text;
      this.detail = detail;
    }

    /** The claim as printed. */
    public String text() {
      return text;
    }

    /** The line printed beneath it. */
    public String detail() {
      return detail;
    }

    /**
     * The claim of a lot of a product ({@code organic}) certified at receipt or not (null: no
     * record).
     */
    public static Claim of(boolean organic, Boolean certifiedAtReceipt) {
      if (!organic) {
        return NON_ORGANIC;
      }
      if (certifiedAtReceipt == null) {
        return UNVERIFIED;
      }
      return certifiedAtReceipt ? ORGANIC : NOT_CERTIFIED;
    }
  }

  /**
   * A lot's label with its code's URI worked out: the Digital Link under {@code resolverBase} when
   * the product has a GTIN, else the lot's dashboard page under it.
   */
  public static LabelData of(
      String resolverBase,
      String siteId,
      String productId,
      String productName,
      String gtin,
      String lotId,
      LocalDate receivedOn,
      String supplierLot,
      String supplierNopId,
      Claim claim,
      String certifier) {
    String link = gtin == null ? null : DigitalLink.uri(resolverBase, gtin, lotId);
    String qr =
        link != null ? link : DigitalLink.dashboardUri(resolverBase, siteId, productId, lotId);
    return new LabelData(
        siteId,
        productId,
        productName,
        gtin,
        lotId,
        receivedOn,
        supplierLot,
        supplierNopId,
        claim,
        certifier,
        qr,
        link);
  }

  /** The product as titled on the label: its name, or its id without one. */
  public String title() {
    return productName == null || productName.isBlank() ? productId : productName;
  }

  /** The element string printed beneath the code, or null without a GTIN. */
  public String elementString() {
    return gtin == null ? null : DigitalLink.elementString(gtin, lotId);
  }

  /** The label as the API answers it (snake_case, nulls kept). */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("site_id", siteId);
    m.put("product_id", productId);
    m.put("product_name", productName);
    m.put("gtin", gtin);
    m.put("lot_id", lotId);
    m.put("received_on", receivedOn == null ? null : receivedOn.toString());
    m.put("supplier_lot", supplierLot);
    m.put("supplier_nop_id", supplierNopId);
    m.put("organic_claim", claim.name());
    m.put("claim_text", claim.text());
    m.put("certifier", certifier);
    m.put("digital_link", digitalLink);
    m.put("element_string", elementString());
    m.put("qr_uri", qrUri);
    m.put("note", gtin == null ? NO_GTIN_NOTE : null);
    return m;
  }

  /** A label read back from the API's JSON ({@link #toJson}). */
  public static LabelData fromJson(JsonNode n) {
    String received = text(n, "received_on");
    String claim = text(n, "organic_claim");
    return new LabelData(
        text(n, "site_id"),
        text(n, "product_id"),
        text(n, "product_name"),
        text(n, "gtin"),
        text(n, "lot_id"),
        received == null ? null : LocalDate.parse(received),
        text(n, "supplier_lot"),
        text(n, "supplier_nop_id"),
        claim == null ? Claim.UNVERIFIED : Claim.valueOf(claim),
        text(n, "certifier"),
        text(n, "qr_uri"),
        text(n, "digital_link"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
