package dev.cks;

import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A custom key store as KMS describes it: one {@code CustomKeyStoresListEntry} of {@code
 * DescribeCustomKeyStores}.
 *
 * <p>The values are what KMS reported and are not checked against {@link Constraints}. Enum members
 * keep their wire text, so a value this version does not know is carried, not lost: {@link
 * #connectionState()} then returns {@link ConnectionState#UNKNOWN_TO_SDK_VERSION} and {@link
 * #connectionStateAsString()} the text KMS sent; likewise for the error code and the store type.
 *
 * <p>A description never holds a secret: KMS returns neither the key store password nor the raw
 * secret access key.
 */
@Value.Immutable
@ValueStyle
public abstract class CustomKeyStoreDescription {

  CustomKeyStoreDescription() {}

  /**
   * Starts a staged builder: id, name, type, connection state, creation date, then the optional
   * parts and {@code build()}.
   */
  public static ImmutableCustomKeyStoreDescription.CustomKeyStoreIdBuildStage builder() {
    return ImmutableCustomKeyStoreDescription.builder();
  }

  /** The {@code CustomKeyStoreId}, such as {@code cks-1234567890abcdef0}. */
  public abstract String customKeyStoreId();

  /** The {@code CustomKeyStoreName}. */
  public abstract String customKeyStoreName();

  /** The {@code CustomKeyStoreType} as KMS sent it. */
  public abstract String customKeyStoreTypeAsString();

  /** The {@code ConnectionState} as KMS sent it. */
  public abstract String connectionStateAsString();

  /** The {@code CreationDate}. */
  public abstract Instant creationDate();

  /** The {@code ConnectionErrorCode} as KMS sent it; present only in the {@code FAILED} state. */
  public abstract Optional<String> connectionErrorCodeAsString();

  /** The {@code CloudHsmClusterId}; CloudHSM key stores only. */
  public abstract Optional<String> cloudHsmClusterId();

  /** The {@code TrustAnchorCertificate}; CloudHSM key stores only. */
  public abstract Optional<String> trustAnchorCertificate();

  /** The {@code XksProxyConfiguration}; external key stores only. */
  public abstract Optional<XksProxyConfiguration> xksProxyConfiguration();

  /** The store type; {@link CustomKeyStoreType#UNKNOWN_TO_SDK_VERSION} for a value not known. */
  public final CustomKeyStoreType customKeyStoreType() {
    return CustomKeyStoreType.fromValue(customKeyStoreTypeAsString());
  }

  /** The connection state; {@link ConnectionState#UNKNOWN_TO_SDK_VERSION} for a value not known. */
  public final ConnectionState connectionState() {
    return ConnectionState.fromValue(connectionStateAsString());
  }

  /**
   * Why the store is {@code FAILED}; {@link ConnectionErrorCode#UNKNOWN_TO_SDK_VERSION} for a value
   * not known.
   */
  public final Optional<ConnectionErrorCode> connectionErrorCode() {
    return connectionErrorCodeAsString().map(ConnectionErrorCode::fromValue);
  }
}
