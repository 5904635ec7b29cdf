package dev.cks.signer;

/** Why {@link SigV4Verifier} accepted or rejected a request. */
public enum VerificationOutcome {
  /** The signature is valid, made with known credentials, in scope and in time. */
  ACCEPTED,
  /** The request path is neither empty nor starts with {@code /}. */
  MALFORMED_PATH,
  /** The request has no {@code Authorization} header. */
  MISSING_AUTHORIZATION,
  /**
   * The {@code Authorization} header is not a SigV4 header this verifier understands: wrong
   * algorithm, malformed credential or signature, unsorted or incomplete {@code SignedHeaders}, or
   * more than one {@code Authorization} header.
   */
  MALFORMED_AUTHORIZATION,
  /** The request has no {@code X-Amz-Date} header. */
  MISSING_DATE,
  /** The {@code X-Amz-Date} header is not one valid {@code yyyyMMdd'T'HHmmss'Z'} time. */
  MALFORMED_DATE,
  /**
   * The credential scope names another date than {@code X-Amz-Date}, another region or service than
   * the verifier's, or a terminator other than {@code aws4_request}.
   */
  SCOPE_MISMATCH,
  /** The request time lies further in the past than the allowed clock skew. */
  STALE,
  /** The request time lies further in the future than the allowed clock skew. */
  FUTURE,
  /** No credentials are known for the access key id. */
  UNKNOWN_ACCESS_KEY_ID,
  /** A header listed in {@code SignedHeaders} is not in the request. */
  MISSING_SIGNED_HEADER,
  /** The signed {@code x-amz-content-sha256} header does not hold the SHA-256 of the body. */
  PAYLOAD_HASH_MISMATCH,
  /** The signature is not the one the credentials make for this request. */
  SIGNATURE_MISMATCH
}
