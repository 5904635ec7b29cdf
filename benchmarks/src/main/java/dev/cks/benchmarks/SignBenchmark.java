package dev.cks.benchmarks;

import dev.cks.signer.SigV4Signer;
import dev.cks.signer.SignatureHeaders;
import dev.cks.signer.SigningRequest;
import dev.cks.signer.XksRequestSigner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signing one XKS Encrypt request (300-byte JSON body): the fast path, the general path and the AWS
 * SDK for Java v2 signer, each with the derived signing key cached ({@code *KeyHit}) and with a new
 * UTC date on every call ({@code *KeyMiss}), against the cryptographic floor.
 *
 * <p>The floor is the work no SigV4 signer can skip: SHA-256 of the body, SHA-256 of the canonical
 * request and one HMAC-SHA256 of the string to sign with the derived key's pads at hand; its miss
 * variant adds the four HMACs that derive the signing key (see {@link Floor}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(4)
public class SignBenchmark {

  private XksRequestSigner fast;
  private XksRequestSigner fastWithContentSha256;
  private XksRequestSigner fastNewDay;
  private SigV4Signer general;
  private SigningRequest request;
  private AwsV4HttpSigner sdk;
  private SignRequest<AwsCredentialsIdentity> sdkRequest;
  private SignRequest<AwsCredentialsIdentity> sdkRequestNewDay;

  private Floor floor;

  /** Builds signers, requests and the floor once per trial. */
  @Setup
  public void setUp() throws Exception {
    fast = fast(false, XksEncrypt.fixedClock());
    fastWithContentSha256 = fast(true, XksEncrypt.fixedClock());
    fastNewDay = fast(false, new XksEncrypt.NextDayClock());
    general =
        SigV4Signer.builder()
            .region(XksEncrypt.REGION)
            .service(XksEncrypt.SERVICE)
            .credentials(XksEncrypt.CREDENTIALS)
            .clock(XksEncrypt.fixedClock())
            .build();
    request =
        SigningRequest.builder()
            .method("POST")
            .host(XksEncrypt.HOST)
            .path(XksEncrypt.PATH)
            .body(XksEncrypt.BODY)
            .build();

    sdk = AwsV4HttpSigner.create();
    sdkRequest = sdkRequest(XksEncrypt.fixedClock());
    sdkRequestNewDay = sdkRequest(new XksEncrypt.NextDayClock());

    floor = new Floor();
    checkSame();
  }

  /** The fast path as KMS signs: host and x-amz-date, key cached. */
  @Benchmark
  public SignatureHeaders fastPathKeyHit() {
    return fast.sign(XksEncrypt.HOST, XksEncrypt.PATH, XksEncrypt.BODY);
  }

  /** The fast path, also sending x-amz-content-sha256 as the SDK always does; key cached. */
  @Benchmark
  public SignatureHeaders fastPathWithContentSha256KeyHit() {
    return fastWithContentSha256.sign(XksEncrypt.HOST, XksEncrypt.PATH, XksEncrypt.BODY);
  }

  /** The fast path on a new UTC date every call: the signing key is derived each time. */
  @Benchmark
  public SignatureHeaders fastPathKeyMiss() {
    return fastNewDay.sign(XksEncrypt.HOST, XksEncrypt.PATH, XksEncrypt.BODY);
  }

  /** The general path for the same request, key cached. */
  @Benchmark
  public SignatureHeaders generalPathKeyHit() {
    return general.sign(request);
  }

  /** The AWS SDK's AwsV4HttpSigner for the same request, key cached. */
  @Benchmark
  @Warmup(iterations = 10, time = 1)
  public SignedRequest sdkKeyHit() {
    return sdk.sign(sdkRequest);
  }

  /** The AWS SDK's AwsV4HttpSigner on a new UTC date every call. */
  @Benchmark
  @Warmup(iterations = 10, time = 1)
  public SignedRequest sdkKeyMiss() {
    return sdk.sign(sdkRequestNewDay);
  }

  /** SHA-256 of the body and of the canonical request, one HMAC with the key's pads at hand. */
  @Benchmark
  public byte[] floorKeyHit() {
    return floor.signKeyHit();
  }

  /** The floor plus the four HMACs that derive a signing key. */
  @Benchmark
  public byte[] floorKeyMiss() {
    return floor.signKeyMiss();
  }

  private static XksRequestSigner fast(boolean contentSha256, java.time.Clock clock) {
    return XksRequestSigner.builder()
        .region(XksEncrypt.REGION)
        .credentials(XksEncrypt.CREDENTIALS)
        .clock(clock)
        .contentSha256Header(contentSha256)
        .build();
  }

  private static SignRequest<AwsCredentialsIdentity> sdkRequest(java.time.Clock clock) {
    SdkHttpRequest http =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .protocol("https")
            .host(XksEncrypt.HOST)
            .encodedPath(XksEncrypt.PATH)
            .build();
    return SignRequest.builder(
            AwsCredentialsIdentity.create(XksEncrypt.ACCESS_KEY_ID, XksEncrypt.SECRET))
        .request(http)
        .payload(ContentStreamProvider.fromByteArrayUnsafe(XksEncrypt.BODY))
        .putProperty(AwsV4HttpSigner.REGION_NAME, XksEncrypt.REGION)
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, XksEncrypt.SERVICE)
        .putProperty(HttpSigner.SIGNING_CLOCK, clock)
        .build();
  }

  /**
   * Fails the trial unless the fast path, the general path, the SDK and the floor agree, so that
   * like is compared with like.
   */
  private void checkSame() {
    String ours = fastPathWithContentSha256KeyHit().authorization();
    String theirs = sdkKeyHit().request().firstMatchingHeader("Authorization").orElseThrow();
    if (!ours.equals(theirs)) {
      throw new IllegalStateException("signers disagree:\n" + ours + "\n" + theirs);
    }
    String fastPath = fastPathKeyHit().authorization();
    String generalPath = generalPathKeyHit().authorization();
    if (!fastPath.equals(generalPath)) {
      throw new IllegalStateException("paths disagree:\n" + fastPath + "\n" + generalPath);
    }
    floor.check(fastPathKeyHit().signature());
    if (XksEncrypt.BODY.length != 300) {
      throw new IllegalStateException("the body must be 300 bytes, is " + XksEncrypt.BODY.length);
    }
  }
}
