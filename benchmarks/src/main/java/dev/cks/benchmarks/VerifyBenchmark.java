package dev.cks.benchmarks;

import dev.cks.signer.CredentialLookup;
import dev.cks.signer.HeaderSource;
import dev.cks.signer.SigV4Credentials;
import dev.cks.signer.SigV4Verifier;
import dev.cks.signer.VerificationResult;
import dev.cks.signer.XksRequestSigner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * Verifying one XKS Encrypt request (300-byte JSON body) as a proxy does, with the derived signing
 * key cached ({@code verifyKeyHit}) and with requests of two credentials in turn through a verifier
 * that keeps one derived key ({@code verifyKeyMiss}), as during a rotation, against the same floor
 * as signing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(4)
public class VerifyBenchmark {

  private SigV4Verifier verifier;
  private SigV4Verifier oneKeyVerifier;
  private HeaderSource headers;
  private HeaderSource[] rotating;
  private int next;

  private Floor floor;

  /** Signs the requests once per trial. */
  @Setup
  public void setUp() throws Exception {
    SigV4Credentials next =
        SigV4Credentials.of("NEXTABCDEFGHIJKLMNOPQRSTUV", XksEncrypt.SECRET.replace('a', 'b'));
    headers = signed(XksEncrypt.CREDENTIALS);
    rotating = new HeaderSource[] {headers, signed(next)};
    verifier = verifier(CredentialLookup.of(XksEncrypt.CREDENTIALS, next), 64);
    oneKeyVerifier = verifier(CredentialLookup.of(XksEncrypt.CREDENTIALS, next), 1);
    for (int i = 0; i < 4; i++) {
      if (!verifyKeyHit().accepted() || !verifyKeyMiss().accepted()) {
        throw new IllegalStateException("the verifier rejects the benchmark's requests");
      }
    }

    floor = new Floor();
    floor.check(signatureOf(headers));
  }

  /** One request, its key cached. */
  @Benchmark
  public VerificationResult verifyKeyHit() {
    return verifier.verify("POST", XksEncrypt.PATH, null, headers, XksEncrypt.BODY);
  }

  /** Requests of two credentials in turn through a one-key cache: every call derives a key. */
  @Benchmark
  public VerificationResult verifyKeyMiss() {
    HeaderSource source = rotating[next++ & 1];
    return oneKeyVerifier.verify("POST", XksEncrypt.PATH, null, source, XksEncrypt.BODY);
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

  private static SigV4Verifier verifier(CredentialLookup lookup, int keyCacheCapacity) {
    return SigV4Verifier.builder()
        .region(XksEncrypt.REGION)
        .credentials(lookup)
        .clock(XksEncrypt.fixedClock())
        .keyCacheCapacity(keyCacheCapacity)
        .build();
  }

  private static String signatureOf(HeaderSource source) {
    String authorization = source.values("authorization").get(0);
    return authorization.substring(authorization.length() - 64);
  }

  /** The headers a proxy receives, looked up through {@link HeaderSource#of}. */
  private static HeaderSource signed(SigV4Credentials credentials) {
    XksRequestSigner signer =
        XksRequestSigner.builder()
            .region(XksEncrypt.REGION)
            .credentials(credentials)
            .clock(XksEncrypt.fixedClock())
            .build();
    Map<String, List<String>> map = new LinkedHashMap<>();
    map.put("Host", List.of(XksEncrypt.HOST));
    map.put("Content-Type", List.of("application/json"));
    map.put("Content-Length", List.of(Integer.toString(XksEncrypt.BODY.length)));
    signer
        .sign(XksEncrypt.HOST, XksEncrypt.PATH, XksEncrypt.BODY)
        .forEach((name, value) -> map.put(name, List.of(value)));
    return HeaderSource.of(map);
  }
}
