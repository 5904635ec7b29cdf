package dev.cks.aws;

import dev.cks.CloudHsmKeyStoreSpec;
import dev.cks.CloudHsmKeyStoreUpdate;
import dev.cks.CustomKeyStoreDescription;
import dev.cks.CustomKeyStoreSpec;
import dev.cks.CustomKeyStoreUpdate;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.ExternalKeyStoreUpdate;
import dev.cks.VpcEndpointService;
import dev.cks.XksProxyConfiguration;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.errors.KmsException;
import dev.cks.spi.DescribePage;
import dev.cks.spi.DescribeRequest;
import dev.cks.spi.KmsBackend;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CreateCustomKeyStoreRequest;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreType;
import software.amazon.awssdk.services.kms.model.CustomKeyStoresListEntry;
import software.amazon.awssdk.services.kms.model.DescribeCustomKeyStoresResponse;
import software.amazon.awssdk.services.kms.model.UpdateCustomKeyStoreRequest;
import software.amazon.awssdk.services.kms.model.XksProxyAuthenticationCredentialType;
import software.amazon.awssdk.services.kms.model.XksProxyConfigurationType;
import software.amazon.awssdk.services.kms.model.XksProxyConnectivityType;

/**
 * The custom key store operations against AWS KMS through the AWS SDK for Java v2 {@link
 * KmsClient}: cks's typed specs and updates become the SDK's requests, the SDK's answers become
 * cks's descriptions, and every SDK service exception becomes the {@link KmsException} subclass of
 * its error name, with the HTTP status and request id, and the SDK exception as its cause.
 *
 * <pre>{@code
 * KmsBackend aws = AwsKmsBackend.create(KmsClient.create());
 * }</pre>
 *
 * <p>The client is the caller's: it is closed with this backend only when {@link #create} was given
 * {@code closeClient = true}.
 */
public final class AwsKmsBackend implements KmsBackend {

  private final KmsClient kms;
  private final boolean closeClient;

  private AwsKmsBackend(KmsClient kms, boolean closeClient) {
    this.kms = Objects.requireNonNull(kms, "kms");
    this.closeClient = closeClient;
  }

  /** A backend over the caller's client, which the caller keeps and closes. */
  public static AwsKmsBackend create(KmsClient kms) {
    return new AwsKmsBackend(kms, false);
  }

  /**
   * A backend over a client built from the default Region and credential chain, closed with the
   * backend.
   */
  public static AwsKmsBackend createDefault() {
    return new AwsKmsBackend(KmsClient.create(), true);
  }

  /**
   * A backend over a client built from the default Region and credential chain, where each call,
   * retries included, must end within {@code callTimeout}; closed with the backend.
   *
   * @throws IllegalArgumentException if the timeout is zero or negative
   */
  public static AwsKmsBackend createDefault(Duration callTimeout) {
    if (callTimeout.isZero() || callTimeout.isNegative()) {
      throw new IllegalArgumentException("callTimeout must be positive, was " + callTimeout);
    }
    return new AwsKmsBackend(
        KmsClient.builder()
            .overrideConfiguration(config -> config.apiCallTimeout(callTimeout))
            .build(),
        true);
  }

  @Override
  public String createCustomKeyStore(CustomKeyStoreSpec spec) {
    CreateCustomKeyStoreRequest.Builder request =
        CreateCustomKeyStoreRequest.builder().customKeyStoreName(spec.name());
    if (spec instanceof CloudHsmKeyStoreSpec hsm) {
      request
          .customKeyStoreType(CustomKeyStoreType.AWS_CLOUDHSM)
          .cloudHsmClusterId(hsm.cloudHsmClusterId())
          .trustAnchorCertificate(hsm.trustAnchorCertificate())
          .keyStorePassword(hsm.keyStorePassword().reveal());
    } else {
      ExternalKeyStoreSpec xks = (ExternalKeyStoreSpec) spec;
      request
          .customKeyStoreType(CustomKeyStoreType.EXTERNAL_KEY_STORE)
          .xksProxyUriEndpoint(xks.proxyUriEndpoint())
          .xksProxyUriPath(xks.proxyUriPath())
          .xksProxyAuthenticationCredential(credential(xks.proxyCredential()))
          .xksProxyConnectivity(xks.connectivity().type().value());
      if (xks.connectivity() instanceof VpcEndpointService vpc) {
        request.xksProxyVpcEndpointServiceName(vpc.serviceName());
        vpc.serviceOwner().ifPresent(request::xksProxyVpcEndpointServiceOwner);
      }
    }
    return call(() -> kms.createCustomKeyStore(request.build()).customKeyStoreId());
  }

  @Override
  public void connectCustomKeyStore(String customKeyStoreId) {
    call(() -> kms.connectCustomKeyStore(r -> r.customKeyStoreId(customKeyStoreId)));
  }

  @Override
  public void disconnectCustomKeyStore(String customKeyStoreId) {
    call(() -> kms.disconnectCustomKeyStore(r -> r.customKeyStoreId(customKeyStoreId)));
  }

  @Override
  public DescribePage describeCustomKeyStores(DescribeRequest request) {
    DescribeCustomKeyStoresResponse response =
        call(
            () ->
                kms.describeCustomKeyStores(
                    r ->
                        r.customKeyStoreId(request.customKeyStoreId().orElse(null))
                            .customKeyStoreName(request.customKeyStoreName().orElse(null))
                            .limit(request.limit().orElse(null))
                            .marker(request.marker().orElse(null))));
    List<CustomKeyStoreDescription> stores =
        response.customKeyStores().stream().map(AwsKmsBackend::description).toList();
    Optional<String> next =
        Boolean.TRUE.equals(response.truncated())
            ? Optional.ofNullable(response.nextMarker())
            : Optional.empty();
    return new DescribePage(stores, next);
  }

  @Override
  public void updateCustomKeyStore(CustomKeyStoreUpdate update) {
    UpdateCustomKeyStoreRequest.Builder request =
        UpdateCustomKeyStoreRequest.builder()
            .customKeyStoreId(update.customKeyStoreId())
            .newCustomKeyStoreName(update.newName().orElse(null));
    if (update instanceof CloudHsmKeyStoreUpdate hsm) {
      hsm.keyStorePassword().ifPresent(p -> request.keyStorePassword(p.reveal()));
      hsm.cloudHsmClusterId().ifPresent(request::cloudHsmClusterId);
    } else {
      ExternalKeyStoreUpdate xks = (ExternalKeyStoreUpdate) update;
      xks.proxyUriEndpoint().ifPresent(request::xksProxyUriEndpoint);
      xks.proxyUriPath().ifPresent(request::xksProxyUriPath);
      xks.proxyCredential().ifPresent(c -> request.xksProxyAuthenticationCredential(credential(c)));
      xks.connectivity().ifPresent(c -> connectivity(request, c));
      xks.vpcEndpointServiceName().ifPresent(request::xksProxyVpcEndpointServiceName);
      xks.vpcEndpointServiceOwner().ifPresent(request::xksProxyVpcEndpointServiceOwner);
    }
    call(() -> kms.updateCustomKeyStore(request.build()));
  }

  @Override
  public void deleteCustomKeyStore(String customKeyStoreId) {
    call(() -> kms.deleteCustomKeyStore(r -> r.customKeyStoreId(customKeyStoreId)));
  }

  /** Closes the client if this backend built it. */
  @Override
  public void close() {
    if (closeClient) {
      kms.close();
    }
  }

  private static void connectivity(
      UpdateCustomKeyStoreRequest.Builder request, XksProxyConnectivity connectivity) {
    request.xksProxyConnectivity(XksProxyConnectivityType.fromValue(connectivity.type().value()));
    if (connectivity instanceof VpcEndpointService vpc) {
      request.xksProxyVpcEndpointServiceName(vpc.serviceName());
      vpc.serviceOwner().ifPresent(request::xksProxyVpcEndpointServiceOwner);
    }
  }

  private static XksProxyAuthenticationCredentialType credential(XksProxyCredential credential) {
    return XksProxyAuthenticationCredentialType.builder()
        .accessKeyId(credential.accessKeyId())
        .rawSecretAccessKey(credential.rawSecretAccessKey().reveal())
        .build();
  }

  /** An SDK list entry as a cks description; unknown enum values keep their text. */
  static CustomKeyStoreDescription description(CustomKeyStoresListEntry entry) {
    XksProxyConfigurationType xks = entry.xksProxyConfiguration();
    return CustomKeyStoreDescription.builder()
        .customKeyStoreId(entry.customKeyStoreId())
        .customKeyStoreName(entry.customKeyStoreName())
        .customKeyStoreTypeAsString(
            entry.customKeyStoreTypeAsString() == null
                ? "AWS_CLOUDHSM"
                : entry.customKeyStoreTypeAsString())
        .connectionStateAsString(entry.connectionStateAsString())
        .creationDate(entry.creationDate())
        .connectionErrorCodeAsString(Optional.ofNullable(entry.connectionErrorCodeAsString()))
        .cloudHsmClusterId(Optional.ofNullable(entry.cloudHsmClusterId()))
        .trustAnchorCertificate(Optional.ofNullable(entry.trustAnchorCertificate()))
        .xksProxyConfiguration(
            xks == null
                ? Optional.empty()
                : Optional.of(
                    XksProxyConfiguration.builder()
                        .connectivityAsString(xks.connectivityAsString())
                        .accessKeyId(xks.accessKeyId())
                        .uriEndpoint(xks.uriEndpoint())
                        .uriPath(xks.uriPath())
                        .vpcEndpointServiceName(Optional.ofNullable(xks.vpcEndpointServiceName()))
                        .vpcEndpointServiceOwner(Optional.ofNullable(xks.vpcEndpointServiceOwner()))
                        .build()))
        .build();
  }

  private static void call(Runnable action) {
    call(
        () -> {
          action.run();
          return null;
        });
  }

  private static <T> T call(Supplier<T> action) {
    try {
      return action.get();
    } catch (AwsServiceException e) {
      throw translate(e);
    }
  }

  /** The cks exception of an SDK service exception, keeping it as the cause. */
  static KmsException translate(AwsServiceException e) {
    String errorName =
        e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
            ? e.awsErrorDetails().errorCode()
            : e.getClass().getSimpleName();
    String message =
        e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
            ? e.awsErrorDetails().errorMessage()
            : errorName;
    return KmsException.of(errorName, e.statusCode(), e.requestId(), message, e);
  }
}
