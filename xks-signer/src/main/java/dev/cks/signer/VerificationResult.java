package dev.cks.signer;

import java.util.Optional;

/**
 * What {@link SigV4Verifier#verify} decided about a request: the outcome, the access key id the
 * request claimed when it could be read, and a message for logs and error responses.
 *
 * <p>The message names what was wrong and the offending non-secret value; it never holds a secret,
 * a derived key or the signature that was expected.
 */
public final class VerificationResult {

  private final VerificationOutcome outcome;
  private final String accessKeyId;
  private final String message;

  VerificationResult(VerificationOutcome outcome, String accessKeyId, String message) {
    this.outcome = outcome;
    this.accessKeyId = accessKeyId;
    this.message = message;
  }

  /** Whether the request is authentic. */
  public boolean accepted() {
    return outcome == VerificationOutcome.ACCEPTED;
  }

  /** Why the request was accepted or rejected. */
  public VerificationOutcome outcome() {
    return outcome;
  }

  /** The access key id the request claimed, once the {@code Authorization} header could be read. */
  public Optional<String> accessKeyId() {
    return Optional.ofNullable(accessKeyId);
  }

  /** A one-sentence description of the outcome, such as {@code signature does not match}. */
  public String message() {
    return message;
  }

  /** The outcome, the access key id and the message. */
  @Override
  public String toString() {
    return "VerificationResult["
        + outcome
        + (accessKeyId == null ? "" : ", accessKeyId=" + accessKeyId)
        + ", "
        + message
        + "]";
  }
}
