package dev.cks.local;

/**
 * A decision, after the signature is verified, whether a request may go on. A denied request
 * answers 403 AccessDeniedException. GetHealthStatus never comes here.
 *
 * <pre>{@code
 * SecondaryAuthorization onlyAlice =
 *     request -> request.awsPrincipalArn().equals("arn:aws:iam::111122223333:user/alice");
 * }</pre>
 */
@FunctionalInterface
public interface SecondaryAuthorization {

  /** Whether the request may go on. It must not throw. */
  boolean allows(Request request);

  /**
   * What a decision may look at.
   *
   * @param xksOperation {@code GetKeyMetadata}, {@code Encrypt} or {@code Decrypt}
   * @param externalKeyId the external key id in the path
   * @param awsPrincipalArn the caller, from the request metadata
   * @param kmsOperation the KMS operation, from the request metadata
   * @param kmsKeyArn the KMS key ARN, from the request metadata, or the empty string
   */
  record Request(
      String xksOperation,
      String externalKeyId,
      String awsPrincipalArn,
      String kmsOperation,
      String kmsKeyArn) {}
}
