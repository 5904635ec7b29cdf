package dev.cks;

import java.util.ArrayList;
import java.util.List;
import org.immutables.value.Value;

/**
 * A custom key store backed by an AWS CloudHSM cluster ({@code AWS_CLOUDHSM}).
 *
 * <pre>{@code
 * CloudHsmKeyStoreSpec spec = CloudHsmKeyStoreSpec.builder()
 *     .name("ExampleKeyStore")
 *     .cloudHsmClusterId("cluster-234abcdefABC")
 *     .trustAnchorCertificate(Files.readString(Path.of("customerCA.crt")))
 *     .keyStorePassword(Secret.of(System.getenv("KMSUSER_PASSWORD")))
 *     .build();
 * }</pre>
 *
 * <p>Each part is required, in this order; leaving one out does not compile. {@code build()} checks
 * every value against {@link Constraints} and throws one {@link ValidationException} listing every
 * violation. {@code toString()} never shows the password.
 */
@Value.Immutable
@ValueStyle
public abstract non-sealed class CloudHsmKeyStoreSpec implements CustomKeyStoreSpec {

  CloudHsmKeyStoreSpec() {}

  /** Starts a staged builder: name, cluster id, trust anchor, password, then {@code build()}. */
  public static ImmutableCloudHsmKeyStoreSpec.NameBuildStage builder() {
    return ImmutableCloudHsmKeyStoreSpec.builder();
  }

  /** The {@code CustomKeyStoreName}: 1 to 256 characters. */
  @Override
  public abstract String name();

  /**
   * The {@code CloudHsmClusterId} of an active cluster that no other key store uses, such as {@code
   * cluster-234abcdefABC}.
   */
  public abstract String cloudHsmClusterId();

  /**
   * The {@code TrustAnchorCertificate}: the PEM text of the {@code customerCA.crt} made when the
   * cluster was initialized; a self-signed CA certificate of at most 5000 characters.
   */
  public abstract String trustAnchorCertificate();

  /**
   * The {@code KeyStorePassword}: the current password of the cluster's {@code kmsuser} crypto
   * user, 7 to 32 characters. KMS stores it; it does not change it in the cluster.
   */
  public abstract Secret keyStorePassword();

  /** Always {@link CustomKeyStoreType#AWS_CLOUDHSM}. */
  @Override
  public final CustomKeyStoreType type() {
    return CustomKeyStoreType.AWS_CLOUDHSM;
  }

  @Value.Check
  void check() {
    List<Violation> found = new ArrayList<>();
    found.addAll(Constraints.customKeyStoreName("CustomKeyStoreName", name()));
    found.addAll(Constraints.cloudHsmClusterId("CloudHsmClusterId", cloudHsmClusterId()));
    found.addAll(
        Constraints.trustAnchorCertificate("TrustAnchorCertificate", trustAnchorCertificate()));
    found.addAll(Constraints.keyStorePassword("KeyStorePassword", keyStorePassword()));
    ValidationException.throwIfAny(found);
  }
}
