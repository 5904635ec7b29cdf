package dev.cks.check;

import dev.cks.CustomKeyStoreSpec;

/**
 * A pre-flight check of one kind of key store: given the spec of a store about to be created or
 * changed, checks what KMS will require and reports item by item.
 *
 * <p>The proxy check of an external key store and the cluster check of a CloudHSM key store both
 * have this form, so a {@code CustomKeyStoreClient} can run either before it changes anything.
 *
 * @param <S> the kind of spec checked
 */
@FunctionalInterface
public interface Preflight<S extends CustomKeyStoreSpec> {

  /**
   * Checks the prerequisites of {@code spec}; a failed item is a failed check, not an exception.
   */
  CheckReport check(S spec);
}
