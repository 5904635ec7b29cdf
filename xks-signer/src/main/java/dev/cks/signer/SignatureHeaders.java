package dev.cks.signer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The headers a signer adds to a request: {@code Authorization} and {@code X-Amz-Date} always,
 * {@code x-amz-content-sha256} when the signer is configured to send it, and {@code
 * X-Amz-Security-Token} when the credentials carry a session token.
 *
 * <p>Add every header to the request exactly as given, next to the headers that were signed; the
 * simplest way is {@link #forEach(BiConsumer)}:
 *
 * <pre>{@code
 * SignatureHeaders signed = signer.sign(host, path, body);
 * signed.forEach(httpRequestBuilder::header);
 * }</pre>
 *
 * <p>Instances are immutable. The values reveal no secret access key or signing key: the signature
 * is a MAC. The session token is a credential meant to be sent, so {@link #toString()} hides it.
 */
public final class SignatureHeaders {

  /** The name of the header that carries the signature. */
  public static final String AUTHORIZATION = "Authorization";

  /** The name of the header that carries the request time. */
  public static final String X_AMZ_DATE = "X-Amz-Date";

  /** The name of the header that carries the hex SHA-256 of the body. */
  public static final String X_AMZ_CONTENT_SHA256 = "x-amz-content-sha256";

  /** The name of the header that carries the session token of temporary credentials. */
  public static final String X_AMZ_SECURITY_TOKEN = "X-Amz-Security-Token";

  private final String authorization;
  private final String amzDate;
  private final String contentSha256;
  private final String securityToken;

  SignatureHeaders(
      String authorization, String amzDate, String contentSha256, String securityToken) {
    this.authorization = authorization;
    this.amzDate = amzDate;
    this.contentSha256 = contentSha256;
    this.securityToken = securityToken;
  }

  /**
   * The {@code Authorization} value, for example {@code AWS4-HMAC-SHA256
   * Credential=AKID/20260101/us-east-1/kms-xks-proxy/aws4_request, SignedHeaders=host;x-amz-date,
   * Signature=<64 hex digits>}.
   */
  public String authorization() {
    return authorization;
  }

  /** The {@code X-Amz-Date} value, the request time in the form {@code 20260101T120000Z}. */
  public String amzDate() {
    return amzDate;
  }

  /** The {@code x-amz-content-sha256} value, present only when the signer was asked to send it. */
  public Optional<String> contentSha256() {
    return Optional.ofNullable(contentSha256);
  }

  /** The {@code X-Amz-Security-Token} value, present only for temporary credentials. */
  public Optional<String> securityToken() {
    return Optional.ofNullable(securityToken);
  }

  /** The 64 lower-case hex digits of the signature, the tail of {@link #authorization()}. */
  public String signature() {
    return authorization.substring(authorization.length() - 64);
  }

  /** Passes each header to add, name then value, in the order listed on this type. */
  public void forEach(BiConsumer<String, String> action) {
    action.accept(AUTHORIZATION, authorization);
    action.accept(X_AMZ_DATE, amzDate);
    if (contentSha256 != null) {
      action.accept(X_AMZ_CONTENT_SHA256, contentSha256);
    }
    if (securityToken != null) {
      action.accept(X_AMZ_SECURITY_TOKEN, securityToken);
    }
  }

  /** The headers to add as an ordered map from header name to value. */
  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    forEach(map::put);
    return map;
  }

  /** Lists the headers, with the session token, a bearer credential, redacted. */
  @Override
  public String toString() {
    Map<String, String> shown = asMap();
    shown.computeIfPresent(X_AMZ_SECURITY_TOKEN, (name, value) -> "redacted");
    return "SignatureHeaders" + shown;
  }
}
