package dev.cks.errors;

/** KMS error {@code MalformedPolicyDocumentException}, HTTP 400: the key policy is not valid. */
public final class MalformedPolicyDocumentException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public MalformedPolicyDocumentException(String message, String requestId, Throwable cause) {
    super("MalformedPolicyDocumentException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public MalformedPolicyDocumentException(String message) {
    this(message, null, null);
  }
}
