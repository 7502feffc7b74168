package org.massbalance.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The lot chain of {@code export fsma204 --lot}: back to the lots it was made from, forward. */
class Fsma204ExportTest {

  private static Object[] made(String input, String output) {
    Object[] r = new Object[Fsma204.elements(Fsma204.Kind.TRANSFORMATION).size() + 1];
    r[Fsma204Export.index(Fsma204.Kind.TRANSFORMATION, "input_lot_id")] = input;
    r[Fsma204Export.index(Fsma204.Kind.TRANSFORMATION, "input_traceability_lot_code")] =
        "TLC-" + input;
    r[Fsma204Export.index(Fsma204.Kind.TRANSFORMATION, "output_lot_id")] = output;
    r[Fsma204Export.index(Fsma204.Kind.TRANSFORMATION, "new_traceability_lot_code")] = output;
    return r;
  }

  private static Object[] received(String lot, String tlc) {
    Object[] r = new Object[Fsma204.elements(Fsma204.Kind.RECEIVING).size() + 1];
    r[Fsma204Export.index(Fsma204.Kind.RECEIVING, "lot_id")] = lot;
    r[Fsma204Export.index(Fsma204.Kind.RECEIVING, "traceability_lot_code")] = tlc;
    return r;
  }

  @Test
  void shouldFollowALotBackToItsInputsAndForwardToWhatWasMadeOfItButNotToItsSiblings() {
    Object[] aToB = made("A", "B");
    Object[] bToC = made("B", "C");
    Object[] xToC = made("X", "C");
    Object[] aToD = made("A", "D");
    Fsma204Export.Chain chain = new Fsma204Export.Chain("B");
    for (Object[] r : new Object[][] {aToB, bToC, xToC, aToD}) {
      chain.edge(r);
    }
    chain.close();

    assertThat(chain.lots()).contains("A", "TLC-A", "B", "C").doesNotContain("X", "D");
    assertThat(chain.holds(Fsma204.Kind.TRANSFORMATION, aToB)).isTrue();
    assertThat(chain.holds(Fsma204.Kind.TRANSFORMATION, bToC)).isTrue();
    assertThat(chain.holds(Fsma204.Kind.TRANSFORMATION, xToC)).isFalse();
    assertThat(chain.holds(Fsma204.Kind.TRANSFORMATION, aToD)).isFalse();
    // the supplier's code of A's receipt, or its lot id, puts it in the chain
    assertThat(chain.holds(Fsma204.Kind.RECEIVING, received("A", "S-1"))).isTrue();
    assertThat(chain.holds(Fsma204.Kind.RECEIVING, received("other", "TLC-A"))).isTrue();
    assertThat(chain.holds(Fsma204.Kind.RECEIVING, received("X", "S-9"))).isFalse();
  }
}
