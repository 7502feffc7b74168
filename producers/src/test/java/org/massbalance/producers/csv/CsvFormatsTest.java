package org.massbalance.producers.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Movement;
import org.massbalance.avro.Product;
import org.massbalance.avro.Site;
import org.massbalance.avro.SupplierCertificate;

class CsvFormatsTest {

  private static InputStream csv(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static final String MOVEMENT_HEADER =
      "movement_id,type,occurred_at,site_id,product_id,quantity,unit\n";

  @Test
  void contractAlmondsExampleReadsEveryMovement() throws IOException {
    CsvReadResult<Movement> result;
    try (InputStream in =
        Files.newInputStream(ContractExamples.dir().resolve("almonds-2025-11.csv"))) {
      result = CsvFormats.movements().readAll(in);
    }

    assertThat(result.refusals()).isEmpty();
    assertThat(result.ignoredColumns()).isEmpty();
    assertThat(result.records())
        .extracting(Movement::getMovementId, Movement::getType, Movement::getQuantity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("m-001", "RECEIPT", "500"),
            org.assertj.core.groups.Tuple.tuple("m-002", "RECEIPT", "1000"),
            org.assertj.core.groups.Tuple.tuple("m-003", "SALE", "600"),
            org.assertj.core.groups.Tuple.tuple("m-004", "SALE", "500"),
            org.assertj.core.groups.Tuple.tuple("m-005", "RECEIPT", "750"),
            org.assertj.core.groups.Tuple.tuple("m-006", "WASTE", "30"),
            org.assertj.core.groups.Tuple.tuple("m-007", "SALE", "400"),
            org.assertj.core.groups.Tuple.tuple("m-008", "COUNT", "715"));
    assertThat(result.records().get(0))
        .isEqualTo(
            Movement.newBuilder()
                .setMovementId("m-001")
                .setType("RECEIPT")
                .setOccurredAt("2025-10-14")
                .setSiteId("FRESNO")
                .setProductId("ALMONDS")
                .setQuantity("500")
                .setUnit("lb")
                .setSupplierId("VNG")
                .setSupplierLot("VNG-7731")
                .setSupplierNopId("8150000016")
                .setDocumentRef("PO-1001")
                .build());
    Movement waste = result.records().get(5);
    assertThat(waste.getDocumentRef()).isEqualTo("WD-0042");
    assertThat(waste.getReason()).isEqualTo("moisture damage");
    assertThat(waste.getLotId()).isNull();
    assertThat(waste.getCounterpartyId()).isNull();
    assertThat(result.records().get(2).getCounterpartyId()).isEqualTo("CUST-21");
    assertThat(result.records()).allSatisfy(m -> assertThat(m.getIngestedAt()).isNull());
  }

  @Test
  void contractReferenceExamplesRead() throws IOException {
    var dir = ContractExamples.dir();
    CsvReadResult<Site> sites;
    CsvReadResult<Product> products;
    CsvReadResult<SupplierCertificate> certificates;
    try (InputStream s = Files.newInputStream(dir.resolve("sites.csv"));
        InputStream p = Files.newInputStream(dir.resolve("products.csv"));
        InputStream c = Files.newInputStream(dir.resolve("certificates.csv"))) {
      sites = CsvFormats.sites().readAll(s);
      products = CsvFormats.products().readAll(p);
      certificates = CsvFormats.certificates().readAll(c);
    }

    assertThat(sites.records())
        .containsExactly(
            new Site(
                "FRESNO",
                "Fresno warehouse",
                "America/Los_Angeles",
                "US",
                null,
                null,
                null,
                null,
                null));
    assertThat(products.records())
        .containsExactly(new Product("ALMONDS", "Organic almonds", "lb", true, "5.0", "ALM", null));
    assertThat(certificates.records())
        .containsExactly(
            new SupplierCertificate(
                "8150000016",
                "Valley Nut Growers",
                "CCOF Certification Services",
                "CERTIFIED",
                "2019-04-01",
                List.of("CROPS", "HANDLING"),
                null,
                null,
                null));
    assertThat(sites.refusals()).isEmpty();
    assertThat(products.refusals()).isEmpty();
    assertThat(certificates.refusals()).isEmpty();
  }

  @Test
  void columnsInAnyOrderAndUnknownColumnsIgnored() {
    CsvReadResult<Movement> result =
        CsvFormats.movements()
            .readAll(
                csv(
                    "unit,colour,quantity,product_id,site_id,occurred_at,type,movement_id,to_site_id\n"
                        + "kg,blue,12.5,OATS,BOSTON,2025-11-02T10:00,TRANSFER,t-1,NYC\n"));

    assertThat(result.ignoredColumns()).containsExactly("colour");
    Movement m = result.records().get(0);
    assertThat(m.getMovementId()).isEqualTo("t-1");
    assertThat(m.getType()).isEqualTo("TRANSFER");
    assertThat(m.getOccurredAt()).isEqualTo("2025-11-02T10:00");
    assertThat(m.getSiteId()).isEqualTo("BOSTON");
    assertThat(m.getProductId()).isEqualTo("OATS");
    assertThat(m.getQuantity()).isEqualTo("12.5");
    assertThat(m.getUnit()).isEqualTo("kg");
    assertThat(m.getToSiteId()).isEqualTo("NYC");
  }

  @Test
  void byteOrderMarkAndHeaderCaseAndSpacesAreIgnored() {
    CsvReadResult<Site> result =
        CsvFormats.sites()
            .readAll(
                csv(
                    "\uFEFF Site_ID , name,TIME_ZONE,country\r\nFRESNO,Fresno,America/Los_Angeles,US\r\n"));

    assertThat(result.records())
        .containsExactly(
            new Site(
                "FRESNO", "Fresno", "America/Los_Angeles", "US", null, null, null, null, null));
  }

  @Test
  void sitesMayGiveTheirAddressAsOptionalColumns() {
    CsvReadResult<Site> result =
        CsvFormats.sites()
            .readAll(
                csv(
                    "site_id,name,time_zone,country,address_line,city,region,postal_code\n"
                        + "FRESNO,Fresno warehouse,America/Los_Angeles,US,2900 S Cherry Ave,"
                        + "Fresno,CA,93706\n"
                        + "AMS,Amsterdam,Europe/Amsterdam,NL,,,,\n"));

    assertThat(result.records().get(0))
        .isEqualTo(
            new Site(
                "FRESNO",
                "Fresno warehouse",
                "America/Los_Angeles",
                "US",
                null,
                "2900 S Cherry Ave",
                "Fresno",
                "CA",
                "93706"));
    assertThat(result.records().get(1).getAddressLine()).isNull();
    assertThat(result.records().get(1).getCity()).isNull();
  }

  @Test
  void valuesAreTrimmedAndEmptyValuesAreNull() {
    CsvReadResult<Movement> result =
        CsvFormats.movements()
            .readAll(
                csv(
                    MOVEMENT_HEADER.replace("\n", ",lot_id,reason\n")
                        + "  m-1 , SALE ,2025-11-02,  FRESNO,ALMONDS, 600 ,lb,   ,\"  spilt  \"\n"));

    Movement m = result.records().get(0);
    assertThat(m.getMovementId()).isEqualTo("m-1");
    assertThat(m.getType()).isEqualTo("SALE");
    assertThat(m.getSiteId()).isEqualTo("FRESNO");
    assertThat(m.getQuantity()).isEqualTo("600");
    assertThat(m.getLotId()).isNull();
    assertThat(m.getReason()).isEqualTo("spilt");
    assertThat(m.getSupplierId()).isNull();
  }

  @Test
  void businessRulesAreLeftToTheEngine() {
    CsvReadResult<Movement> result =
        CsvFormats.movements()
            .readAll(csv(MOVEMENT_HEADER + "bad id!,SELL,yesterday,,ALMONDS,-1.2345678,stone\n"));

    assertThat(result.refusals()).isEmpty();
    Movement m = result.records().get(0);
    assertThat(m.getMovementId()).isEqualTo("bad id!");
    assertThat(m.getType()).isEqualTo("SELL");
    assertThat(m.getSiteId()).isNull();
    assertThat(m.getQuantity()).isEqualTo("-1.2345678");
    assertThat(m.getUnit()).isEqualTo("stone");
  }

  @Test
  void rowsWithMoreValuesThanTheHeaderAreRefusedWithTheirLine() {
    CsvReadResult<Movement> result =
        CsvFormats.movements()
            .readAll(
                csv(
                    MOVEMENT_HEADER
                        + "m-1,SALE,2025-11-02,FRESNO,ALMONDS,1,kg\n"
                        + "\n"
                        + "m-2,SALE,2025-11-02,FRESNO,ALMONDS,1,kg,extra,more\n"
                        + "m-3,SALE,2025-11-02,FRESNO,ALMONDS,1,kg,,\n"
                        + "m-4,SALE,2025-11-02,FRESNO,\"ALM\nONDS\",1,kg\n"
                        + "m-5,SALE,2025-11-02,FRESNO,ALMONDS,1,kg,x\n"));

    assertThat(result.refusals())
        .containsExactly(
            new CsvRefusal(4, "9 values but the header has 7 columns"),
            new CsvRefusal(8, "8 values but the header has 7 columns"));
    assertThat(result.records())
        .extracting(Movement::getMovementId)
        .containsExactly("m-1", "m-3", "m-4");
    assertThat(result.records().get(2).getProductId()).isEqualTo("ALM\nONDS");
  }

  @Test
  void shortRowsReadTheirMissingValuesAsEmpty() {
    CsvReadResult<Movement> result =
        CsvFormats.movements().readAll(csv(MOVEMENT_HEADER + "m-1,SALE,2025-11-02,FRESNO\n"));

    Movement m = result.records().get(0);
    assertThat(m.getSiteId()).isEqualTo("FRESNO");
    assertThat(m.getProductId()).isNull();
    assertThat(m.getUnit()).isNull();
  }

  @Test
  void missingRequiredHeaderColumnRefusesTheWholeFile() {
    assertThatThrownBy(
            () ->
                CsvFormats.movements()
                    .readAll(
                        csv(
                            "movement_id,type,occurred_at,site,product_id,qty,unit\nm-1,SALE,2025-11-02,F,A,1,kg\n")))
        .isInstanceOf(CsvFileException.class)
        .hasMessageStartingWith(
            "movements file refused: the header lacks required columns site_id, quantity");
  }

  @Test
  void emptyFileAndDuplicateColumnsRefuseTheWholeFile() {
    assertThatThrownBy(() -> CsvFormats.sites().readAll(csv("")))
        .isInstanceOf(CsvFileException.class)
        .hasMessage("sites file refused: it is empty (no header row)");
    assertThatThrownBy(
            () -> CsvFormats.sites().readAll(csv("site_id,name,time_zone,country,name\n")))
        .isInstanceOf(CsvFileException.class)
        .hasMessageContaining("column name appears twice");
  }

  @Test
  void malformedCsvAndInvalidUtf8RefuseTheFile() {
    assertThatThrownBy(
            () ->
                CsvFormats.sites()
                    .readAll(csv("site_id,name,time_zone,country\nA,\"unterminated,UTC,US\n")))
        .isInstanceOf(CsvFileException.class)
        .hasMessageContaining("malformed CSV from line 2");

    byte[] latin1 =
        "site_id,name,time_zone,country\nA,Caf\u00e9,UTC,US\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> CsvFormats.sites().readAll(new ByteArrayInputStream(latin1)))
        .isInstanceOf(CsvFileException.class)
        .hasMessageContaining("invalid UTF-8");
  }

  @Test
  void scopesAreSplitOnSemicolons() {
    CsvReadResult<SupplierCertificate> result =
        CsvFormats.certificates()
            .readAll(
                csv(
                    "nop_id,operation_name,certifier,status,status_effective,scopes,expires_on\n"
                        + "8150000016,A,B,CERTIFIED,2019-04-01, CROPS ; HANDLING;;WILD_CROPS ,2026-03-31\n"
                        + "8150000017,C,D,SUSPENDED,2024-01-01,,\n"));

    assertThat(result.records().get(0).getScopes())
        .containsExactly("CROPS", "HANDLING", "WILD_CROPS");
    assertThat(result.records().get(0).getExpiresOn()).isEqualTo("2026-03-31");
    assertThat(result.records().get(1).getScopes()).isEmpty();
    assertThat(result.records().get(1).getExpiresOn()).isNull();
  }

  @Test
  void certificatesNeedNopIdAndStatus() {
    CsvReadResult<SupplierCertificate> result =
        CsvFormats.certificates()
            .readAll(
                csv(
                    "nop_id,operation_name,certifier,status,status_effective,scopes,expires_on\n"
                        + ",A,B,CERTIFIED,,,\n"
                        + "8150000016,A,B,,,,\n"));

    assertThat(result.refusals())
        .containsExactly(
            new CsvRefusal(2, "nop_id is empty"), new CsvRefusal(3, "status is empty"));
  }

  @Test
  void organicIsTrueFalseOrEmpty() {
    CsvReadResult<Product> result =
        CsvFormats.products()
            .readAll(
                csv(
                    "product_id,name,unit,organic,tolerance_pct,lot_prefix\n"
                        + "A,,kg,TRUE,,\n"
                        + "B,,kg,False,2.5,\n"
                        + "C,,,,,\n"
                        + "D,,kg,yes,,\n"
                        + ",,kg,true,,\n"));

    assertThat(result.records())
        .extracting(Product::getProductId, Product::getOrganic)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("A", true),
            org.assertj.core.groups.Tuple.tuple("B", false),
            org.assertj.core.groups.Tuple.tuple("C", null));
    assertThat(result.records().get(1).getTolerancePct()).isEqualTo("2.5");
    assertThat(result.records().get(2).getUnit()).isNull();
    assertThat(result.refusals())
        .containsExactly(
            new CsvRefusal(5, "organic must be true or false, not 'yes'"),
            new CsvRefusal(6, "product_id is empty"));
  }

  @Test
  void gtinIsAnOptionalProductColumnPassedOnAsWritten() {
    CsvReadResult<Product> with =
        CsvFormats.products()
            .readAll(
                csv(
                    "product_id,name,unit,organic,tolerance_pct,lot_prefix,gtin\n"
                        + "A,,kg,true,,, 09506000134352 \n"
                        + "B,,kg,true,,,\n"
                        + "C,,kg,true,,,4006381333931\n"));
    CsvReadResult<Product> without =
        CsvFormats.products()
            .readAll(csv("product_id,name,unit,organic,tolerance_pct,lot_prefix\nA,,kg,,,\n"));

    assertThat(with.records())
        .extracting(Product::getGtin)
        .containsExactly("09506000134352", null, "4006381333931");
    assertThat(with.refusals()).isEmpty();
    assertThat(without.records()).extracting(Product::getGtin).containsExactly((String) null);
  }

  @Test
  void referenceFilesNeedAllTheirColumns() {
    assertThatThrownBy(() -> CsvFormats.sites().readAll(csv("site_id,name,timezone,country\n")))
        .isInstanceOf(CsvFileException.class)
        .hasMessageContaining("lacks required column time_zone");
  }

  @Test
  void investigationsAreTrimmedCheckedAndRefusedWithEveryReason() {
    CsvReadResult<org.massbalance.avro.Investigation> result =
        CsvFormats.investigations()
            .readAll(
                csv(
                    "site_id,product_id,period,cause,explanation,corrective_action,"
                        + "certifier_notified_on,investigated_by,recorded_at\n"
                        + "OAKLAND, PECANS ,2025-11,shrinkage,moisture loss,humidity control,"
                        + "2025-12-05,QA lead,2025-12-04T10:00:00Z\n"
                        + "OAKLAND,PECANS,2025-13,ALIENS,,fix,05/12/2025,QA lead,\n"
                        + "FRESNO,ALMONDS,2025-11,OTHER,miscount,recount,,QA lead,\n"));
    assertThat(result.records()).hasSize(2);
    org.massbalance.avro.Investigation first = result.records().get(0);
    assertThat(first.getProductId()).isEqualTo("PECANS");
    assertThat(first.getCause()).isEqualTo("SHRINKAGE");
    assertThat(first.getCertifierNotifiedOn()).isEqualTo("2025-12-05");
    assertThat(first.getRecordedAt()).isEqualTo("2025-12-04T10:00:00Z");
    org.massbalance.avro.Investigation second = result.records().get(1);
    assertThat(second.getCertifierNotifiedOn()).isNull();
    assertThat(second.getRecordedAt()).isNotEmpty();
    assertThat(result.refusals()).hasSize(1);
    assertThat(result.refusals().get(0).line()).isEqualTo(3);
    assertThat(result.refusals().get(0).reason())
        .contains("period must be yyyy-MM")
        .contains("cause must be one of")
        .contains("explanation is required")
        .contains("certifier_notified_on must be a date");
  }

  @Test
  void yieldsNeedBothProductIdsAndLeaveTheBoundsToTheEngine() {
    CsvReadResult<org.massbalance.avro.Yield> result =
        CsvFormats.yields()
            .readAll(
                csv(
                    "max_pct,output_product_id,input_product_id,min_pct,note\n"
                        + "70, KERNELS ,ALMONDS_INSHELL,55,shelling\n"
                        + "high,SHELLS,ALMONDS_INSHELL,,\n"
                        + "70,,ALMONDS_INSHELL,55,\n"
                        + ",,,,\n"
                        + "1,,,2,\n"));
    assertThat(result.ignoredColumns()).containsExactly("note");
    assertThat(result.records())
        .containsExactly(
            new org.massbalance.avro.Yield("ALMONDS_INSHELL", "KERNELS", "55", "70"),
            new org.massbalance.avro.Yield("ALMONDS_INSHELL", "SHELLS", null, "high"));
    assertThat(result.refusals())
        .containsExactly(
            new CsvRefusal(4, "output_product_id is empty"),
            new CsvRefusal(6, "input_product_id is empty; output_product_id is empty"));
    assertThatThrownBy(
            () -> CsvFormats.yields().readAll(csv("input_product_id,output_product_id,min_pct\n")))
        .isInstanceOf(CsvFileException.class)
        .hasMessageContaining("lacks required column max_pct");
  }
}
