package dev.cks;

/**
 * What a new custom key store should be: the input of {@code CreateCustomKeyStore}.
 *
 * <p>There are two kinds, each built with its own staged builder: {@link CloudHsmKeyStoreSpec} and
 * {@link ExternalKeyStoreSpec}. A spec that exists has passed every check KMS makes on its values,
 * so an invalid spec cannot reach a backend.
 */
public sealed interface CustomKeyStoreSpec permits CloudHsmKeyStoreSpec, ExternalKeyStoreSpec {

  /** The {@code CustomKeyStoreName}: a name unique among the account's key stores in a Region. */
  String name();

  /** The {@code CustomKeyStoreType} this kind of spec creates. */
  CustomKeyStoreType type();
}
