package org.massbalance.engine.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.massbalance.engine.domain.Unit;
import org.massbalance.engine.domain.YieldBand;

/**
 * A transformation as the engine applied it: its inputs with the lots each drew, its outputs with
 * the lot each made, its yields and its process loss.
 *
 * @param status {@code DRAWING} until every input is drawn, {@code MAKING} until every output's lot
 *     is made, then {@code DONE}
 * @param certified whether its outputs are certified (null until every input is drawn)
 * @param alertIds the alerts raised when its inputs were drawn
 */
public record TransformationView(
    String siteId,
    String transformationId,
    Instant occurredAt,
    String documentRef,
    String status,
    List<Input> inputs,
    List<Output> outputs,
    BigDecimal inputKg,
    BigDecimal outputKg,
    BigDecimal nonOrganicInputKg,
    Boolean certified,
    List<String> alertIds) {

  /** The process loss in kg: inputs' mass minus outputs' mass. */
  public BigDecimal lossKg() {
    return inputKg.subtract(outputKg);
  }

  /**
   * One input: its PROCESS_INPUT and the lots it drew.
   *
   * @param drawn null until its ledger drew it
   * @param uncoveredKg what no lot covered (null until drawn)
   */
  public record Input(
      String movementId,
      String productId,
      BigDecimal quantity,
      Unit unit,
      String lotId,
      List<LotInputView> drawn,
      BigDecimal uncoveredKg) {}

  /**
   * One output: its PROCESS_OUTPUT, the lot it made and its yield.
   *
   * @param lotId the lot made (null until made)
   * @param yieldPct 100 * its mass / the input mass it is measured against
   * @param yieldBaseKg that input mass: the inputs whose products name a band for it, else all
   * @param band the expected yield band, or null
   */
  public record Output(
      String movementId,
      String productId,
      BigDecimal quantity,
      Unit unit,
      String role,
      String lotId,
      BigDecimal yieldPct,
      BigDecimal yieldBaseKg,
      YieldBand band) {}
}
