package dev.cks.signer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fast path, the general path and the AWS SDK for Java v2 signer ({@code AwsV4HttpSigner})
 * agree byte for byte on generated requests. The SDK always sends and signs {@code
 * x-amz-content-sha256}, so it is compared with signers configured to do the same; without that
 * header the fast path is compared with the general path, which the official suite anchors.
 */
class SdkEquivalenceTest {

  @Property(tries = 10_000)
  void xksRequests_fastPathGeneralPathAndSdk_signIdentically(
      @ForAll("identities") Requests.Identity id,
      @ForAll("hostNames") String hostName,
      @ForAll("ports") int port,
      @ForAll("paths") String path,
      @ForAll("bodies") byte[] body) {
    String host = port < 0 ? hostName : hostName + ":" + port;

    String sdk =
        SdkSigner.authorization(
            "POST",
            hostName,
            port,
            path,
            List.of(),
            List.of(),
            body,
            id.accessKeyId(),
            id.secret(),
            id.sessionToken(),
            id.region(),
            id.service(),
            id.time(),
            true,
            true,
            true);
    SignatureHeaders fastWithHash = fast(id, true).sign(host, path, body);
    SignatureHeaders generalWithHash = general(id, true, true, true).sign(xks(host, path, body));
    SignatureHeaders fast = fast(id, false).sign(host, path, body);
    SignatureHeaders general = general(id, false, true, true).sign(xks(host, path, body));

    assertThat(fastWithHash.authorization()).isEqualTo(sdk);
    assertThat(generalWithHash.authorization()).isEqualTo(sdk);
    assertThat(fast.authorization()).isEqualTo(general.authorization());
    assertThat(fast.asMap()).isEqualTo(general.asMap());
    assertThat(fastWithHash.asMap()).isEqualTo(generalWithHash.asMap());
  }

  @Property(tries = 10_000)
  void anyRequest_generalPathAndSdk_signIdentically(
      @ForAll("identities") Requests.Identity id,
      @ForAll("methods") String method,
      @ForAll("hostNames") String hostName,
      @ForAll("ports") int port,
      @ForAll("paths") String path,
      @ForAll("queries") List<String> query,
      @ForAll("headers") List<String> headers,
      @ForAll("bodies") byte[] body,
      @ForAll boolean normalizePath,
      @ForAll boolean encodePath) {
    SigningRequest.Builder request =
        SigningRequest.builder()
            .method(method)
            .host(port < 0 ? hostName : hostName + ":" + port)
            .path(path)
            .body(body);
    for (int i = 0; i < query.size(); i += 2) {
      request.queryParameter(query.get(i), query.get(i + 1));
    }
    for (int i = 0; i < headers.size(); i += 2) {
      request.header(headers.get(i), headers.get(i + 1));
    }

    String sdk =
        SdkSigner.authorization(
            method,
            hostName,
            port,
            path,
            query,
            headers,
            body,
            id.accessKeyId(),
            id.secret(),
            id.sessionToken(),
            id.region(),
            id.service(),
            id.time(),
            normalizePath,
            encodePath,
            true);
    SignatureHeaders ours = general(id, true, normalizePath, encodePath).sign(request.build());

    assertThat(ours.authorization()).isEqualTo(sdk);
  }

  private static XksRequestSigner fast(Requests.Identity id, boolean contentSha256) {
    return XksRequestSigner.builder()
        .region(id.region())
        .service(id.service())
        .credentials(id.credentials())
        .clock(Clock.fixed(id.time(), ZoneOffset.UTC))
        .contentSha256Header(contentSha256)
        .build();
  }

  private static SigV4Signer general(
      Requests.Identity id, boolean contentSha256, boolean normalizePath, boolean encodePath) {
    return SigV4Signer.builder()
        .region(id.region())
        .service(id.service())
        .credentials(id.credentials())
        .clock(Clock.fixed(id.time(), ZoneOffset.UTC))
        .contentSha256Header(contentSha256)
        .normalizePath(normalizePath)
        .encodePath(encodePath)
        .build();
  }

  private static SigningRequest xks(String host, String path, byte[] body) {
    return SigningRequest.builder().method("POST").host(host).path(path).body(body).build();
  }

  @Provide
  Arbitrary<Requests.Identity> identities() {
    return Requests.identities();
  }

  @Provide
  Arbitrary<String> hostNames() {
    return Requests.hostNames();
  }

  @Provide
  Arbitrary<Integer> ports() {
    return Requests.ports();
  }

  @Provide
  Arbitrary<String> paths() {
    return Requests.paths();
  }

  @Provide
  Arbitrary<List<String>> queries() {
    return Requests.queries();
  }

  @Provide
  Arbitrary<List<String>> headers() {
    return Requests.headers();
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    return Requests.bodies();
  }

  @Provide
  Arbitrary<String> methods() {
    return Requests.methods();
  }
}
