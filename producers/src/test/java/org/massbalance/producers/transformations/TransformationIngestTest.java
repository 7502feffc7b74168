package org.massbalance.producers.transformations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.massbalance.avro.Transformation;
import org.massbalance.avro.TransformationItem;
import org.massbalance.producers.ingest.IngestException;
import org.massbalance.producers.integrity.CapturingProducers;

/**
 * {@code ingest transformations}: rows grouped by transformation_id, refused only when unreadable.
 */
class TransformationIngestTest {

  private static final Instant NOW = Instant.parse("2025-12-01T09:00:00Z");

  private static final String HEADER =
      "transformation_id,site_id,occurred_at,role,product_id,quantity,unit,lot_id,document_ref\n";

  private final CapturingProducers producers = new CapturingProducers();
  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

  private TransformationSummary ingest(String csv) {
    return new TransformationIngest(
            producers,
            new PrintStream(progress, true, StandardCharsets.UTF_8),
            Clock.fixed(NOW, ZoneOffset.UTC))
        .ingest(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "transformations");
  }

  private List<Transformation> sent() {
    return producers.values();
  }

  @Test
  void shouldGroupRowsByTransformationIdInFileOrderWhereverTheyAre() {
    TransformationSummary summary =
        ingest(
            "unit,role,product_id,transformation_id,quantity,site_id,occurred_at,note,lot_id,"
                + "document_ref\n"
                + "lb,input,ALMONDS_INSHELL,T-1,1000,FRESNO,2025-11-20,first,ALM-1,BR-7\n"
                + "kg,INPUT,OATS,T-2,500,OAKLAND,2025-11-21T08:00,,,\n"
                + "lb,Main,KERNELS,T-1,620,FRESNO,2025-11-20,,K-1,BR-7\n"
                + "\n"
                + "kg,MAIN,OAT_BAGS,T-2,495,OAKLAND,2025-11-21T08:00,,,\n"
                + "lb,byproduct,SHELLS,T-1,350,FRESNO,2025-11-20,,,BR-7\n"
                + "lb,INPUT,SALT,T-1,2,FRESNO,2025-11-20,,,BR-7\n");

    assertThat(sent()).hasSize(2);
    Transformation first = sent().get(0);
    assertThat(first.getTransformationId()).isEqualTo("T-1");
    assertThat(first.getSiteId()).isEqualTo("FRESNO");
    assertThat(first.getOccurredAt()).isEqualTo("2025-11-20");
    assertThat(first.getDocumentRef()).isEqualTo("BR-7");
    assertThat(first.getIngestedAt()).isEqualTo(NOW.toEpochMilli());
    assertThat(first.getInputs())
        .extracting(
            TransformationItem::getProductId,
            TransformationItem::getQuantity,
            TransformationItem::getUnit,
            TransformationItem::getLotId,
            TransformationItem::getRole)
        .containsExactly(
            tuple("ALMONDS_INSHELL", "1000", "lb", "ALM-1", null),
            tuple("SALT", "2", "lb", null, null));
    assertThat(first.getOutputs())
        .extracting(
            TransformationItem::getProductId,
            TransformationItem::getQuantity,
            TransformationItem::getLotId,
            TransformationItem::getRole)
        .containsExactly(
            tuple("KERNELS", "620", "K-1", "MAIN"), tuple("SHELLS", "350", null, "BYPRODUCT"));
    Transformation second = sent().get(1);
    assertThat(second.getTransformationId()).isEqualTo("T-2");
    assertThat(second.getDocumentRef()).isNull();
    assertThat(second.getInputs())
        .extracting(TransformationItem::getProductId)
        .containsExactly("OATS");
    assertThat(second.getOutputs()).extracting(TransformationItem::getRole).containsExactly("MAIN");
    assertThat(producers.<Transformation>sent())
        .extracting(ProducerRecord::topic, ProducerRecord::key)
        .containsExactly(
            tuple("transformations", "FRESNO|T-1"), tuple("transformations", "OAKLAND|T-2"));
    assertThat(summary.report())
        .isEqualTo(
            "transformations: 6 rows read, 2 transformations sent to transformations, 0 rows"
                + " refused\nignored unknown columns: note");
  }

  @Test
  void shouldRefuseAnUnreadableRowWithEveryReasonAndTheWholeTransformationItBelongsTo() {
    TransformationSummary summary =
        ingest(
            HEADER
                + "T-1,FRESNO,2025-11-20,INPUT,ALMONDS,100,lb,,\n"
                + ",FRESNO,2025-11-20,,KERNELS,60,lb,,\n"
                + "T-1,FRESNO,2025-11-20,MIAN,KERNELS,60,lb,,\n"
                + "T-2,FRESNO,2025-11-20,INPUT,ALMONDS,100,lb,,\n"
                + "T-2,FRESNO,2025-11-20,MAIN,KERNELS,60,lb,,\n"
                + "T-1,FRESNO,2025-11-20,BYPRODUCT,SHELLS,30,lb,,\n"
                + "T-3,FRESNO,2025-11-20,INPUT,ALMONDS,100,lb,,,surplus\n"
                + "T-3,FRESNO,2025-11-20,MAIN,KERNELS,60,lb,,\n");

    assertThat(sent()).extracting(Transformation::getTransformationId).containsExactly("T-2");
    assertThat(summary.rowsRead()).isEqualTo(8);
    assertThat(summary.rowsRefused()).isEqualTo(6);
    assertThat(summary.report())
        .isEqualTo(
            "transformations: 8 rows read, 1 transformations sent to transformations, 6 rows"
                + " refused\n"
                + "refused lines 2, 7: transformation 'T-1' is refused whole: its row at line 4"
                + " cannot be read\n"
                + "refused line 3: transformation_id is empty; role is empty (INPUT, MAIN or"
                + " BYPRODUCT)\n"
                + "refused line 4: role 'MIAN' is not INPUT, MAIN or BYPRODUCT\n"
                + "refused line 8: 10 values but the header has 9 columns\n"
                + "refused line 9: transformation 'T-3' is refused whole: its row at line 8"
                + " cannot be read");
  }

  @Test
  void shouldRefuseTheWholeTransformationWhenItsRowsDisagreeNamingItsLinesAndEveryValue() {
    TransformationSummary summary =
        ingest(
            HEADER
                + "T-1,FRESNO,2025-11-20,INPUT,ALMONDS,100,lb,,BR-1\n"
                + "T-2,FRESNO,2025-11-20,INPUT,ALMONDS,100,lb,,\n"
                + "T-1,OAKLAND,2025-11-20,MAIN,KERNELS,60,lb,,BR-1\n"
                + "T-1,FRESNO,2025-11-21,BYPRODUCT,SHELLS,30,lb,,\n"
                + "T-2,FRESNO,2025-11-20,MAIN,KERNELS,60,lb,,\n");

    assertThat(sent()).extracting(Transformation::getTransformationId).containsExactly("T-2");
    assertThat(summary.refusals())
        .containsExactly(
            new TransformationGroups.Refusal(
                List.of(2L, 4L, 5L),
                "transformation 'T-1': its rows disagree on site_id ('FRESNO' at lines 2, 5;"
                    + " 'OAKLAND' at line 4); occurred_at ('2025-11-20' at lines 2, 4;"
                    + " '2025-11-21' at line 5); document_ref ('BR-1' at lines 2, 4; empty at"
                    + " line 5)"));
    assertThat(summary.rowsRefused()).isEqualTo(3);
  }

  @Test
  void shouldLeaveTheProcessingRulesToTheEngine() {
    ingest(
        HEADER
            + "T-1,FRESNO,yesterday,INPUT,,-5,pallets,,\n"
            + "T-2,,2025-11-20,MAIN,KERNELS,60,lb,,\n"
            + "a transformation id far longer than the fifty-six characters the engine takes,"
            + "FRESNO,2025-11-20,INPUT,ALMONDS,1,lb,,\n");

    assertThat(sent()).hasSize(3);
    assertThat(sent().get(0).getInputs().get(0))
        .isEqualTo(new TransformationItem(null, "-5", "pallets", null, null));
    assertThat(sent().get(0).getOutputs()).isEmpty();
    assertThat(sent().get(1).getInputs()).isEmpty();
    assertThat(producers.<Transformation>sent().get(1).key()).isEqualTo("|T-2");
  }

  @Test
  void shouldSendNothingFromAFileRefusedWhole() {
    assertThatThrownBy(
            () ->
                ingest(
                    "transformation_id,site_id,occurred_at,product_id,quantity,unit\n"
                        + "T-1,FRESNO,2025-11-20,ALMONDS,1,lb\n"))
        .isInstanceOf(IngestException.class)
        .hasMessage(
            "transformations file refused: the header lacks required column role (it needs"
                + " transformation_id, site_id, occurred_at, role, product_id, quantity, unit)"
                + " (nothing was sent)");
    assertThatThrownBy(() -> ingest(HEADER + "T-1,\"FRESNO,2025\n"))
        .isInstanceOf(IngestException.class)
        .hasMessageContaining("malformed CSV");
    assertThat(producers.sent()).isEmpty();
  }
}
