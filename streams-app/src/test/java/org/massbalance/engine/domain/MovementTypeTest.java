package org.massbalance.engine.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.massbalance.engine.domain.MovementType.Direction;
import org.massbalance.engine.domain.MovementType.Effect;
import org.massbalance.engine.domain.MovementType.LotOperation;

/**
 * A movement type says in one place what it does (the contract's Concepts, Order, Bad input and
 * Lots): its direction and rank, the period figures it feeds, its lot operation, its quantity rule
 * and the fields it requires; nothing else in the engine branches on the type.
 */
class MovementTypeTest {

  private static Effect effect(MovementType t) {
    return t.effect(false, 1);
  }

  @Test
  void shouldCallOutboundExactlySaleWasteATransferAtItsSourceAndANegativeAdjustment() {
    assertThat(effect(MovementType.SALE).outbound()).isTrue();
    assertThat(effect(MovementType.WASTE).outbound()).isTrue();
    assertThat(effect(MovementType.TRANSFER).outbound()).isTrue();
    assertThat(MovementType.TRANSFER.effect(true, 1).outbound()).isFalse();
    assertThat(MovementType.ADJUSTMENT.effect(false, -1).outbound()).isTrue();
    assertThat(MovementType.ADJUSTMENT.effect(false, 1).outbound()).isFalse();
    assertThat(effect(MovementType.RECEIPT).outbound()).isFalse();
    assertThat(effect(MovementType.COUNT).outbound()).isFalse();
  }

  @Test
  void shouldRankInboundZeroOutboundOneAndCountTwo() {
    assertThat(effect(MovementType.RECEIPT).direction().rank()).isZero();
    assertThat(MovementType.TRANSFER.effect(true, 1).direction().rank()).isZero();
    assertThat(MovementType.ADJUSTMENT.effect(false, 1).direction().rank()).isZero();
    assertThat(effect(MovementType.SALE).direction().rank()).isEqualTo(1);
    assertThat(MovementType.ADJUSTMENT.effect(false, -1).direction().rank()).isEqualTo(1);
    assertThat(effect(MovementType.COUNT).direction()).isEqualTo(Direction.COUNT);
    assertThat(effect(MovementType.COUNT).direction().rank()).isEqualTo(2);
  }

  @Test
  void shouldFeedTheFigureTheContractSumsItUnder() {
    assertThat(effect(MovementType.RECEIPT).figures()).containsExactly(Figure.RECEIPTS);
    assertThat(effect(MovementType.SALE).figures()).containsExactly(Figure.SALES);
    assertThat(effect(MovementType.WASTE).figures()).containsExactly(Figure.WASTE);
    assertThat(effect(MovementType.TRANSFER).figures()).containsExactly(Figure.TRANSFERS_OUT);
    assertThat(MovementType.TRANSFER.effect(true, 1).figures())
        .containsExactly(Figure.TRANSFERS_IN);
    assertThat(MovementType.ADJUSTMENT.effect(false, 1).figures())
        .containsExactly(Figure.ADJUSTMENTS, Figure.POSITIVE_ADJUSTMENTS);
    assertThat(MovementType.ADJUSTMENT.effect(false, -1).figures())
        .containsExactly(Figure.ADJUSTMENTS);
    assertThat(effect(MovementType.COUNT).figures()).isEmpty();
  }

  @Test
  void shouldCreateDrawCarryPlaceAdjustOrCountLots() {
    assertThat(effect(MovementType.RECEIPT).lots()).isEqualTo(LotOperation.CREATE);
    assertThat(effect(MovementType.SALE).lots()).isEqualTo(LotOperation.DRAW);
    assertThat(effect(MovementType.WASTE).lots()).isEqualTo(LotOperation.DRAW);
    assertThat(effect(MovementType.TRANSFER).lots()).isEqualTo(LotOperation.DRAW_AND_CARRY);
    assertThat(MovementType.TRANSFER.effect(true, 1).lots()).isEqualTo(LotOperation.PLACE_CARRIED);
    assertThat(MovementType.ADJUSTMENT.effect(false, 1).lots())
        .isEqualTo(LotOperation.TO_ADJUSTMENT_LOT);
    assertThat(MovementType.ADJUSTMENT.effect(false, -1).lots()).isEqualTo(LotOperation.DRAW);
    assertThat(effect(MovementType.COUNT).lots()).isEqualTo(LotOperation.SET_TO_BOOK);
  }

  @Test
  void shouldWantPositiveQuantitiesExceptANonZeroAdjustmentAndACountOfZeroOrMore() {
    BigDecimal zero = BigDecimal.ZERO;
    BigDecimal minus = new BigDecimal("-1");
    assertThat(MovementType.SALE.quantityRule(zero)).isEqualTo("must be positive for SALE");
    assertThat(MovementType.RECEIPT.quantityRule(minus)).isEqualTo("must be positive for RECEIPT");
    assertThat(MovementType.ADJUSTMENT.quantityRule(minus)).isNull();
    assertThat(MovementType.ADJUSTMENT.quantityRule(zero))
        .isEqualTo("must be non-zero for ADJUSTMENT");
    assertThat(MovementType.COUNT.quantityRule(zero)).isNull();
    assertThat(MovementType.COUNT.quantityRule(minus)).isEqualTo("must not be negative for COUNT");
  }

  @Test
  void shouldRequireADestinationForATransferAndDocumentsForWaste() {
    assertThat(Arrays.stream(MovementType.values()).filter(MovementType::takesDestination))
        .containsExactly(MovementType.TRANSFER);
    assertThat(Arrays.stream(MovementType.values()).filter(MovementType::needsReasonAndDocument))
        .containsExactly(MovementType.WASTE);
    assertThat(Arrays.stream(MovementType.values()).filter(MovementType::dateMeansEndOfDay))
        .containsExactly(MovementType.COUNT);
  }

  @Test
  void shouldTakeTheContractsSixFromTheMovementsTopic() {
    assertThat(MovementType.INPUT_NAMES)
        .isEqualTo("RECEIPT, SALE, WASTE, TRANSFER, ADJUSTMENT, COUNT");
  }

  @Test
  void shouldBeTheOnlyPlaceThatBranchesOnAMovementType() {
    JavaClasses engine =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.massbalance.engine");
    List<String> constants = Arrays.stream(MovementType.values()).map(Enum::name).toList();
    DescribedPredicate<JavaFieldAccess> readsAConstant =
        new DescribedPredicate<>("read a MovementType constant") {
          @Override
          public boolean test(JavaFieldAccess access) {
            return access.getTargetOwner().isEquivalentTo(MovementType.class)
                && constants.contains(access.getTarget().getName());
          }
        };
    noClasses()
        .that()
        .doNotBelongToAnyOf(MovementType.class)
        .should()
        .callMethod(MovementType.class, "ordinal")
        .because(
            "a movement type's behaviour lives in MovementType: the others ask it (a switch on"
                + " the enum compiles to a call of ordinal())")
        .check(engine);
    noClasses()
        .that()
        .resideOutsideOfPackage("org.massbalance.engine.domain..")
        .should()
        .accessFieldWhere(readsAConstant)
        .because(
            "processors, stores and queries ask a movement what it does; only the domain's rules"
                + " name a type (to make a movement of it)")
        .check(engine);
  }
}
