package dev.cks;

import java.util.ArrayList;
import java.util.List;
import org.immutables.value.Value;

/**
 * An external key store ({@code EXTERNAL_KEY_STORE}), backed by a key manager behind an XKS proxy.
 *
 * <pre>{@code
 * ExternalKeyStoreSpec spec = ExternalKeyStoreSpec.builder()
 *     .name("ExamplePublicEndpointKeyStore")
 *     .proxyUriEndpoint("https://myproxy.xks.example.com")
 *     .connectivity(XksProxyConnectivity.publicEndpoint())
 *     .proxyUriPath("/kms/xks/v1")
 *     .proxyCredential(XksProxyCredential.of(accessKeyId, Secret.of(rawSecret)))
 *     .build();
 * }</pre>
 *
 * <p>Each part is required, in this order; leaving one out does not compile. {@code build()} checks
 * the name, endpoint and path against {@link Constraints} and throws one {@link
 * ValidationException} listing every violation.
 *
 * <p>Limitation: the connectivity and the credential are values of their own and check their values
 * when they are made, so their violations come from their own factories, before this builder's
 * {@code build()} can list the rest. {@link dev.cks.json.KmsJson} reads a whole request and lists
 * all violations at once.
 */
@Value.Immutable
@ValueStyle
public abstract non-sealed class ExternalKeyStoreSpec implements CustomKeyStoreSpec {

  ExternalKeyStoreSpec() {}

  /**
   * Starts a staged builder: name, endpoint, connectivity, path, credential, then {@code build()}.
   */
  public static ImmutableExternalKeyStoreSpec.NameBuildStage builder() {
    return ImmutableExternalKeyStoreSpec.builder();
  }

  /** The {@code CustomKeyStoreName}: 1 to 256 characters. */
  @Override
  public abstract String name();

  /**
   * The {@code XksProxyUriEndpoint}: {@code https://} and the proxy's DNS name, without port or
   * path. With VPC connectivity it is the private DNS name of the endpoint service.
   */
  public abstract String proxyUriEndpoint();

  /** How KMS reaches the proxy: the public endpoint, or a VPC endpoint service. */
  public abstract XksProxyConnectivity connectivity();

  /**
   * The {@code XksProxyUriPath}: an optional prefix and {@code /kms/xks/v1}, such as {@code
   * /example-prefix/kms/xks/v1}.
   */
  public abstract String proxyUriPath();

  /** The {@code XksProxyAuthenticationCredential} KMS signs its proxy requests with. */
  public abstract XksProxyCredential proxyCredential();

  /** Always {@link CustomKeyStoreType#EXTERNAL_KEY_STORE}. */
  @Override
  public final CustomKeyStoreType type() {
    return CustomKeyStoreType.EXTERNAL_KEY_STORE;
  }

  @Value.Check
  void check() {
    List<Violation> found = new ArrayList<>();
    found.addAll(Constraints.customKeyStoreName("CustomKeyStoreName", name()));
    found.addAll(Constraints.xksProxyUriEndpoint("XksProxyUriEndpoint", proxyUriEndpoint()));
    found.addAll(Constraints.xksProxyUriPath("XksProxyUriPath", proxyUriPath()));
    ValidationException.throwIfAny(found);
  }
}
