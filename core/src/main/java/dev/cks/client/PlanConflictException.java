package dev.cks.client;

import dev.cks.CksException;

/**
 * {@code ensure} cannot bring a store to its spec: the store found by that name is of the other
 * kind, a property differs that {@code UpdateCustomKeyStore} cannot change, another store already
 * uses what the spec asks for, or the store changed between planning and applying. Nothing was
 * changed when this is thrown by {@code plan} or before the first step of {@code apply}.
 */
public final class PlanConflictException extends CksException {

  private static final long serialVersionUID = 1L;

  PlanConflictException(String message) {
    super("PlanConflict", 0, null, message, null);
  }
}
