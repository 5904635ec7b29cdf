package dev.cks.errors;

import dev.cks.CksException;
import java.util.Objects;

/**
 * An error that KMS, or an embedded stand-in acting as KMS, returns. There is one final subclass
 * per KMS error name, so callers catch the exact error. {@link #of} builds the right one from an
 * error name; a name this version of cks does not know comes back as a plain {@code KmsException}
 * that keeps the name and the status.
 */
public class KmsException extends CksException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception for an error name that has no class of its own.
   *
   * @param errorName the KMS error name
   * @param httpStatus the HTTP status that came with it
   * @param requestId the id of the request, or {@code null}
   * @param message what went wrong; never a secret
   * @param cause the underlying cause, or {@code null}
   */
  public KmsException(
      String errorName, int httpStatus, String requestId, String message, Throwable cause) {
    super(errorName, httpStatus, requestId, message, cause);
  }

  /**
   * The exception for a KMS error name: an instance of that error's own class when cks knows the
   * name, otherwise a plain {@code KmsException} with the given status.
   *
   * @param errorName the KMS error name, such as {@code CustomKeyStoreNotFoundException}
   * @param httpStatus the HTTP status; used only for names cks does not know
   * @param requestId the id of the request, or {@code null}
   * @param message what went wrong; never a secret
   * @param cause the underlying cause, or {@code null}
   * @throws NullPointerException if {@code errorName} is null
   */
  public static KmsException of(
      String errorName, int httpStatus, String requestId, String message, Throwable cause) {
    Objects.requireNonNull(errorName, "errorName");
    return switch (errorName) {
      case "CloudHsmClusterInUseException" ->
          new CloudHsmClusterInUseException(message, requestId, cause);
      case "CloudHsmClusterInvalidConfigurationException" ->
          new CloudHsmClusterInvalidConfigurationException(message, requestId, cause);
      case "CloudHsmClusterNotActiveException" ->
          new CloudHsmClusterNotActiveException(message, requestId, cause);
      case "CloudHsmClusterNotFoundException" ->
          new CloudHsmClusterNotFoundException(message, requestId, cause);
      case "CloudHsmClusterNotRelatedException" ->
          new CloudHsmClusterNotRelatedException(message, requestId, cause);
      case "CustomKeyStoreHasCMKsException" ->
          new CustomKeyStoreHasCMKsException(message, requestId, cause);
      case "CustomKeyStoreInvalidStateException" ->
          new CustomKeyStoreInvalidStateException(message, requestId, cause);
      case "CustomKeyStoreNameInUseException" ->
          new CustomKeyStoreNameInUseException(message, requestId, cause);
      case "CustomKeyStoreNotFoundException" ->
          new CustomKeyStoreNotFoundException(message, requestId, cause);
      case "IncorrectTrustAnchorException" ->
          new IncorrectTrustAnchorException(message, requestId, cause);
      case "InvalidMarkerException" -> new InvalidMarkerException(message, requestId, cause);
      case "KMSInternalException" -> new KMSInternalException(message, requestId, cause);
      case "LimitExceededException" -> new LimitExceededException(message, requestId, cause);
      case "XksProxyIncorrectAuthenticationCredentialException" ->
          new XksProxyIncorrectAuthenticationCredentialException(message, requestId, cause);
      case "XksProxyInvalidConfigurationException" ->
          new XksProxyInvalidConfigurationException(message, requestId, cause);
      case "XksProxyInvalidResponseException" ->
          new XksProxyInvalidResponseException(message, requestId, cause);
      case "XksProxyUriEndpointInUseException" ->
          new XksProxyUriEndpointInUseException(message, requestId, cause);
      case "XksProxyUriInUseException" -> new XksProxyUriInUseException(message, requestId, cause);
      case "XksProxyUriUnreachableException" ->
          new XksProxyUriUnreachableException(message, requestId, cause);
      case "XksProxyVpcEndpointServiceInUseException" ->
          new XksProxyVpcEndpointServiceInUseException(message, requestId, cause);
      case "XksProxyVpcEndpointServiceInvalidConfigurationException" ->
          new XksProxyVpcEndpointServiceInvalidConfigurationException(message, requestId, cause);
      case "XksProxyVpcEndpointServiceNotFoundException" ->
          new XksProxyVpcEndpointServiceNotFoundException(message, requestId, cause);
      case "XksKeyAlreadyInUseException" ->
          new XksKeyAlreadyInUseException(message, requestId, cause);
      case "XksKeyInvalidConfigurationException" ->
          new XksKeyInvalidConfigurationException(message, requestId, cause);
      case "XksKeyNotFoundException" -> new XksKeyNotFoundException(message, requestId, cause);
      case "DependencyTimeoutException" ->
          new DependencyTimeoutException(message, requestId, cause);
      case "InvalidArnException" -> new InvalidArnException(message, requestId, cause);
      case "MalformedPolicyDocumentException" ->
          new MalformedPolicyDocumentException(message, requestId, cause);
      case "TagException" -> new TagException(message, requestId, cause);
      case "UnsupportedOperationException" ->
          new UnsupportedOperationException(message, requestId, cause);
      case "NotFoundException" -> new NotFoundException(message, requestId, cause);
      case "KMSInvalidStateException" -> new KMSInvalidStateException(message, requestId, cause);
      case "DisabledException" -> new DisabledException(message, requestId, cause);
      case "AlreadyExistsException" -> new AlreadyExistsException(message, requestId, cause);
      case "InvalidCiphertextException" ->
          new InvalidCiphertextException(message, requestId, cause);
      case "IncorrectKeyException" -> new IncorrectKeyException(message, requestId, cause);
      case "InvalidKeyUsageException" -> new InvalidKeyUsageException(message, requestId, cause);
      case "InvalidGrantTokenException" ->
          new InvalidGrantTokenException(message, requestId, cause);
      case "KeyUnavailableException" -> new KeyUnavailableException(message, requestId, cause);
      case "ThrottlingException" -> new ThrottlingException(message, requestId, cause);
      case "AccessDeniedException" -> new AccessDeniedException(message, requestId, cause);
      default -> new KmsException(errorName, httpStatus, requestId, message, cause);
    };
  }

  /**
   * Whether sending the same request again, unchanged, can succeed: true for throttling and for the
   * service's internal, dependency and availability failures.
   */
  public boolean retryable() {
    return this instanceof ThrottlingException
        || this instanceof KMSInternalException
        || this instanceof DependencyTimeoutException
        || this instanceof KeyUnavailableException;
  }
}
