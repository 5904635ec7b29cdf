package dev.cks;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * How an external key store reaches its proxy, as KMS describes it: the {@code
 * XksProxyConfiguration} of a {@code CustomKeyStoresListEntry}.
 *
 * <p>The values are what KMS reported and are not checked. The raw secret access key is never part
 * of it; the access key id is, as KMS returns it, and is left out of {@code toString()}.
 */
@Value.Immutable
@ValueStyle
public abstract class XksProxyConfiguration {

  XksProxyConfiguration() {}

  /**
   * Starts a staged builder: connectivity, access key id, endpoint, path, then the optional VPC
   * endpoint service parts and {@code build()}.
   */
  public static ImmutableXksProxyConfiguration.ConnectivityAsStringBuildStage builder() {
    return ImmutableXksProxyConfiguration.builder();
  }

  /** The {@code Connectivity} as KMS sent it. */
  public abstract String connectivityAsString();

  /** The {@code AccessKeyId} of the proxy authentication credential. */
  @Value.Redacted
  public abstract String accessKeyId();

  /** The {@code UriEndpoint}. */
  public abstract String uriEndpoint();

  /** The {@code UriPath}. */
  public abstract String uriPath();

  /** The {@code VpcEndpointServiceName}; VPC endpoint service connectivity only. */
  public abstract Optional<String> vpcEndpointServiceName();

  /** The {@code VpcEndpointServiceOwner}; VPC endpoint service connectivity only. */
  public abstract Optional<String> vpcEndpointServiceOwner();

  /**
   * The connectivity; {@link XksProxyConnectivityType#UNKNOWN_TO_SDK_VERSION} for a value not
   * known.
   */
  public final XksProxyConnectivityType connectivity() {
    return XksProxyConnectivityType.fromValue(connectivityAsString());
  }
}
