package org.massbalance.engine.api;

import io.javalin.http.Context;
import org.massbalance.engine.domain.Keys;
import org.massbalance.engine.domain.TransformationValidator;
import org.massbalance.engine.query.KeyedStore;
import org.massbalance.engine.query.LedgerQueries;

/**
 * {@code /api/v1/transformations}: a transformation with its inputs and the lots they drew, its
 * outputs and the lots they made, yields and loss, answered by the owner of its key.
 */
final class TransformationRoutes {

  private final Routing routing;
  private final LedgerQueries ledger;

  TransformationRoutes(Routing routing, LedgerQueries ledger) {
    this.routing = routing;
    this.ledger = ledger;
  }

  /** {@code GET /api/v1/transformations/{site}/{transformation}}. */
  void transformation(Context ctx) {
    String site = RequestParams.id(ctx, "site");
    String id = RequestParams.id(ctx, "transformation");
    if (id.length() > TransformationValidator.MAX_ID) {
      throw new ApiException(
          400, "transformation: at most " + TransformationValidator.MAX_ID + " characters");
    }
    routing.keyed(
        ctx,
        KeyedStore.TRANSFORMATIONS,
        Keys.transformation(site, id),
        stale ->
            ledger.transformations().transformation(site, id, stale).map(JsonViews::transformation),
        "no transformation " + id + " at site " + site);
  }
}
