package org.massbalance.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massbalance.engine.spec.Spec.*;
import static org.massbalance.engine.testing.MovementBuilder.receipt;
import static org.massbalance.engine.testing.MovementBuilder.waste;

import org.junit.jupiter.api.Test;
import org.massbalance.avro.Alert;

/** WASTE_UNDOCUMENTED: a WASTE has no reason or no document_ref. */
class WasteDocumentationSpec extends FreshEngine {

  @Test
  void shouldNotRaiseForADocumentedWaste() {
    engine.send(receipt(LONDON, OATS, "10", "kg").at(NOV_01));
    engine.send(waste(LONDON, OATS, "1", "kg").at(NOV_05).reason("mould").document("WD-7"));
    assertThat(ofType(engine.alerts(), WASTE_UNDOCUMENTED)).isEmpty();
  }

  @Test
  void shouldRaiseWasteUndocumentedWithoutAReason() {
    engine.send(receipt(LONDON, OATS, "10", "kg").at(NOV_01));
    engine.send(waste(LONDON, OATS, "1.5", "kg").at(NOV_05).id("w-1").reason(null));
    assertThat(ofType(engine.alerts(), WASTE_UNDOCUMENTED))
        .extracting(Alert::getMovementId, Alert::getQuantity, Alert::getUnit)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("w-1", "1.5", "kg"));
  }

  @Test
  void shouldRaiseWasteUndocumentedWithoutADocumentRef() {
    engine.send(receipt(LONDON, OATS, "10", "kg").at(NOV_01));
    engine.send(waste(LONDON, OATS, "1", "kg").at(NOV_05).id("w-1").document(null));
    assertThat(ofType(engine.alerts(), WASTE_UNDOCUMENTED)).hasSize(1);
  }

  @Test
  void shouldRaiseOneWasteUndocumentedWhenBothAreMissing() {
    engine.send(receipt(LONDON, OATS, "10", "kg").at(NOV_01));
    engine.send(waste(LONDON, OATS, "1", "kg").at(NOV_05).reason(null).document(null));
    assertThat(ofType(engine.alerts(), WASTE_UNDOCUMENTED)).hasSize(1);
  }

  @Test
  void shouldTreatABlankReasonAsMissingBecauseValuesAreTrimmed() {
    engine.send(receipt(LONDON, OATS, "10", "kg").at(NOV_01));
    engine.send(waste(LONDON, OATS, "1", "kg").at(NOV_05).reason("   ").document("WD-1"));
    assertThat(ofType(engine.alerts(), WASTE_UNDOCUMENTED)).hasSize(1);
  }

  @Test
  void shouldRaiseBothOversellAndWasteUndocumentedForAnUndocumentedOversizedWaste() {
    engine.send(waste(LONDON, OATS, "1", "kg").at(NOV_05).reason(null));
    var alerts = engine.alerts();
    assertThat(ofType(alerts, WASTE_UNDOCUMENTED)).hasSize(1);
    assertThat(ofType(alerts, OVERSELL)).hasSize(1);
    assertThat(alerts.stream().map(Alert::getAlertId).distinct()).hasSize(alerts.size());
  }
}
