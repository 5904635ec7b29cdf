package dev.cks.spi;

import dev.cks.CustomKeyStoreSpec;
import dev.cks.CustomKeyStoreUpdate;

/**
 * The six custom key store operations of KMS, as a backend of the {@code CustomKeyStoreClient}
 * carries them out: against AWS KMS, or in an embedded stand-in.
 *
 * <p>Inputs have passed cks's validation before they reach a backend. Every failure is a {@link
 * dev.cks.errors.KmsException} of the class KMS names for it, or a {@link
 * dev.cks.ValidationException}.
 */
public interface KmsBackend extends AutoCloseable {

  /**
   * Creates a custom key store ({@code CreateCustomKeyStore}); the new store is {@code
   * DISCONNECTED}.
   *
   * @return the {@code CustomKeyStoreId} of the new store
   */
  String createCustomKeyStore(CustomKeyStoreSpec spec);

  /** Starts connecting a store ({@code ConnectCustomKeyStore}). */
  void connectCustomKeyStore(String customKeyStoreId);

  /** Starts disconnecting a store ({@code DisconnectCustomKeyStore}). */
  void disconnectCustomKeyStore(String customKeyStoreId);

  /** One page of store descriptions ({@code DescribeCustomKeyStores}). */
  DescribePage describeCustomKeyStores(DescribeRequest request);

  /** Changes a store ({@code UpdateCustomKeyStore}). */
  void updateCustomKeyStore(CustomKeyStoreUpdate update);

  /** Deletes a store ({@code DeleteCustomKeyStore}). */
  void deleteCustomKeyStore(String customKeyStoreId);

  /** Releases what the backend holds; the default holds nothing. */
  @Override
  default void close() {}
}
