package dev.cks.signer;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** The AWS SDK for Java v2 signer, {@code AwsV4HttpSigner}, as the reference to compare with. */
final class SdkSigner {

  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

  private SdkSigner() {}

  /**
   * The {@code Authorization} value the SDK makes for a request.
   *
   * @param host host name without port
   * @param port the port, or -1 for the default
   * @param query decoded name/value pairs, names at even indexes
   * @param headers name/value pairs, names at even indexes
   */
  static String authorization(
      String method,
      String host,
      int port,
      String path,
      List<String> query,
      List<String> headers,
      byte[] body,
      String accessKeyId,
      String secret,
      String sessionToken,
      String region,
      String service,
      Instant time,
      boolean normalizePath,
      boolean encodePath,
      boolean contentSha256Header) {
    SdkHttpRequest.Builder request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.fromValue(method))
            .protocol("https")
            .host(host)
            .port(port < 0 ? null : port)
            .encodedPath(path);
    for (int i = 0; i < query.size(); i += 2) {
      request.appendRawQueryParameter(query.get(i), query.get(i + 1));
    }
    for (int i = 0; i < headers.size(); i += 2) {
      request.appendHeader(headers.get(i), headers.get(i + 1));
    }
    AwsCredentialsIdentity credentials =
        sessionToken == null
            ? AwsCredentialsIdentity.create(accessKeyId, secret)
            : AwsSessionCredentialsIdentity.create(accessKeyId, secret, sessionToken);
    SignedRequest signed =
        SIGNER.sign(
            r ->
                r.identity(credentials)
                    .request(request.build())
                    .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, normalizePath)
                    .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, encodePath)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(time, ZoneOffset.UTC)));
    return signed.request().firstMatchingHeader("Authorization").orElseThrow();
  }
}
