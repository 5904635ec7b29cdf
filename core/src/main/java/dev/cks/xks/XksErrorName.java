package dev.cks.xks;

import java.util.Optional;

/**
 * The error names of the XKS proxy API, each with the HTTP status a proxy answers it with.
 *
 * <p>A proxy answers a failed call with a JSON body {@code {"errorName": "...", "errorMessage":
 * "..."}}; {@link #wireName()} is the exact value of {@code errorName}.
 */
public enum XksErrorName {
  /** Bad or missing input. */
  VALIDATION("ValidationException", 400),
  /** The key or the logical key store is disabled or blocked. */
  INVALID_STATE("InvalidStateException", 400),
  /** The ciphertext, IV, AAD, metadata or tag do not authenticate. */
  INVALID_CIPHERTEXT("InvalidCiphertextException", 400),
  /** The key does not allow the operation. */
  INVALID_KEY_USAGE("InvalidKeyUsageException", 400),
  /** The SigV4 signature did not verify. */
  AUTHENTICATION_FAILED("AuthenticationFailedException", 401),
  /** A secondary authorization denied the request. */
  ACCESS_DENIED("AccessDeniedException", 403),
  /** The external key id names no key. */
  KEY_NOT_FOUND("KeyNotFoundException", 404),
  /** The URI path names no logical key store or operation. */
  INVALID_URI_PATH("InvalidUriPathException", 404),
  /** Too many requests for the logical key store. */
  THROTTLING("ThrottlingException", 429),
  /** The operation, or a size above the proxy's limit, is not supported. */
  UNSUPPORTED_OPERATION("UnsupportedOperationException", 501),
  /** The key manager did not answer in time. */
  DEPENDENCY_TIMEOUT("DependencyTimeoutException", 503),
  /** Any other failure of the proxy or the key manager. */
  INTERNAL("InternalException", 500);

  private final String wireName;
  private final int httpStatus;

  XksErrorName(String wireName, int httpStatus) {
    this.wireName = wireName;
    this.httpStatus = httpStatus;
  }

  /** The value of {@code errorName} in an error body, such as {@code KeyNotFoundException}. */
  public String wireName() {
    return wireName;
  }

  /** The HTTP status a proxy answers this error with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Finds the error by its wire name; empty for a name the API does not define. */
  public static Optional<XksErrorName> fromWireName(String wireName) {
    for (XksErrorName name : values()) {
      if (name.wireName.equals(wireName)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }
}
