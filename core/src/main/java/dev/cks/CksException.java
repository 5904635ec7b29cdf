package dev.cks;

import java.util.Optional;

/**
 * The root of every exception cks throws. All are unchecked.
 *
 * <p>Each carries the name of the error as the remote side calls it (a KMS error name such as
 * {@code CustomKeyStoreNotFoundException}, or an XKS proxy error name such as {@code
 * InvalidCiphertextException}), the HTTP status that goes with it, and the request id when there is
 * one. Messages never hold secrets, plaintext or key material.
 */
public class CksException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String errorName;
  private final int httpStatus;
  private final String requestId;

  /**
   * Creates an exception.
   *
   * @param errorName the error name as the remote side spells it
   * @param httpStatus the HTTP status of the error, or 0 when no HTTP exchange was involved
   * @param requestId the request id, or {@code null} when there is none
   * @param message a message naming what went wrong; never a secret
   * @param cause the underlying cause, or {@code null}
   */
  public CksException(
      String errorName, int httpStatus, String requestId, String message, Throwable cause) {
    super(message, cause);
    this.errorName = errorName;
    this.httpStatus = httpStatus;
    this.requestId = requestId;
  }

  /** The error name, as the remote side spells it. */
  public String errorName() {
    return errorName;
  }

  /** The HTTP status of the error, or 0 when no HTTP exchange was involved. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The id of the request that failed, when the remote side gave one. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }
}
