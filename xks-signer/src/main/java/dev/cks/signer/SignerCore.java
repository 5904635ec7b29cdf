package dev.cks.signer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The general SigV4 header-signing algorithm for any request, shared by {@link SigV4Signer} and by
 * the fallback of {@link XksRequestSigner}.
 */
final class SignerCore {

  private static final String[] UNSIGNED_HEADERS = {
    "connection", "expect", "transfer-encoding", "user-agent", "x-amzn-trace-id", "x-forwarded-for"
  };

  private final SigV4Credentials credentials;
  private final String region;
  private final String service;
  private final boolean contentSha256Header;
  private final boolean normalizePath;
  private final boolean encodePath;
  private final SigningKeyCache keys;

  SignerCore(
      SigV4Credentials credentials,
      String region,
      String service,
      boolean contentSha256Header,
      boolean normalizePath,
      boolean encodePath) {
    this.credentials = credentials;
    this.region = region;
    this.service = service;
    this.contentSha256Header = contentSha256Header;
    this.normalizePath = normalizePath;
    this.encodePath = encodePath;
    this.keys = new SigningKeyCache(2, region, service);
  }

  SigningKeyCache keys() {
    return keys;
  }

  /** Signs a request at the given time, in whole epoch seconds. */
  SignatureHeaders sign(SigningRequest request, long epochSecond) {
    Crypto crypto = Crypto.local();
    byte[] amzDateBytes = new byte[AmzDate.LENGTH];
    AmzDate.write(epochSecond, amzDateBytes, 0);
    String amzDate = new String(amzDateBytes, StandardCharsets.US_ASCII);

    byte[] body = request.body();
    crypto.sha256(body, 0, body.length);
    AsciiBuffer hex = new AsciiBuffer(64).appendHex(crypto.digest, 0, 32);
    String payloadHash = hex.toLatin1String();

    List<String[]> headers = signedHeaders(request, amzDate, payloadHash);
    AsciiBuffer canonical = crypto.canonical.clear();
    canonical.appendAscii(request.method()).append((byte) '\n');
    Canonical.appendUri(canonical, request.path(), normalizePath, encodePath);
    canonical.append((byte) '\n');
    Canonical.appendQuery(canonical, request.queryPairs());
    canonical.append((byte) '\n');
    StringBuilder signedHeaders = new StringBuilder();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.get(i)[0];
      canonical.appendAscii(name).append((byte) ':');
      Canonical.appendHeaderValue(canonical, headers.get(i)[1]);
      while (i + 1 < headers.size() && headers.get(i + 1)[0].equals(name)) {
        canonical.append((byte) ',');
        Canonical.appendHeaderValue(canonical, headers.get(++i)[1]);
      }
      canonical.append((byte) '\n');
      signedHeaders.append(signedHeaders.length() == 0 ? "" : ";").append(name);
    }
    canonical.append((byte) '\n').appendAscii(signedHeaders.toString()).append((byte) '\n');
    canonical.appendAscii(payloadHash);
    crypto.sha256(canonical.bytes, 0, canonical.length);

    String scope = scope(amzDate);
    AsciiBuffer stringToSign = crypto.stringToSign.clear();
    stringToSign.append(SigV4.STRING_TO_SIGN_START).appendAscii(amzDate).append((byte) '\n');
    stringToSign.appendAscii(scope).append((byte) '\n').appendHex(crypto.digest, 0, 32);
    SigningKey key = keys.get(credentials, AmzDate.dayOf(epochSecond), amzDateBytes, 0, crypto);
    crypto.hmac(key, stringToSign.bytes, stringToSign.length);

    AsciiBuffer authorization = crypto.value.clear();
    authorization.appendAscii(SigV4.ALGORITHM).appendAscii(" Credential=");
    authorization.appendAscii(credentials.accessKeyId()).append((byte) '/').appendAscii(scope);
    authorization.appendAscii(", SignedHeaders=").appendAscii(signedHeaders.toString());
    authorization.appendAscii(", Signature=").appendHex(crypto.digest, 0, 32);
    return new SignatureHeaders(
        authorization.toLatin1String(),
        amzDate,
        contentSha256Header ? payloadHash : null,
        credentials.sessionTokenOrNull());
  }

  /** The canonical request the last {@link #sign} call on this thread hashed; for tests. */
  static String lastCanonicalRequest() {
    AsciiBuffer canonical = Crypto.local().canonical;
    return new String(canonical.bytes, 0, canonical.length, StandardCharsets.UTF_8);
  }

  /** The string to sign the last signing call on this thread used; for tests. */
  static String lastStringToSign() {
    return Crypto.local().stringToSign.toLatin1String();
  }

  private String scope(String amzDate) {
    return amzDate.substring(0, AmzDate.DATE_LENGTH)
        + '/'
        + region
        + '/'
        + service
        + '/'
        + SigV4.TERMINATOR;
  }

  /** Lower-case name and value of each header to sign, sorted by name, stable for equal names. */
  private List<String[]> signedHeaders(SigningRequest request, String amzDate, String payloadHash) {
    String[] pairs = request.headerPairs();
    List<String[]> headers = new ArrayList<>(pairs.length / 2 + 4);
    headers.add(new String[] {"host", request.host()});
    headers.add(new String[] {"x-amz-date", amzDate});
    if (contentSha256Header) {
      headers.add(new String[] {"x-amz-content-sha256", payloadHash});
    }
    String token = credentials.sessionTokenOrNull();
    if (token != null) {
      headers.add(new String[] {"x-amz-security-token", token});
    }
    for (int i = 0; i < pairs.length; i += 2) {
      String name = pairs[i].toLowerCase(Locale.ROOT);
      if (!isUnsigned(name)) {
        headers.add(new String[] {name, pairs[i + 1]});
      }
    }
    headers.sort((a, b) -> a[0].compareTo(b[0]));
    return headers;
  }

  private static boolean isUnsigned(String lowerCaseName) {
    for (String unsigned : UNSIGNED_HEADERS) {
      if (unsigned.equals(lowerCaseName)) {
        return true;
      }
    }
    return false;
  }
}
