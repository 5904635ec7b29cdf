package dev.cks.benchmarks;

import dev.cks.signer.CredentialLookup;
import dev.cks.signer.HeaderSource;
import dev.cks.signer.SigV4Credentials;
import dev.cks.signer.SigV4Verifier;
import dev.cks.signer.VerificationResult;
import dev.cks.signer.XksRequestSigner;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
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
 * key cached ({@code verifyKeyHit}) and with requests from 1,024 credentials in turn, far more than
 * the verifier's 64 cached keys ({@code verifyKeyMiss}), against the same floor as signing.
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

  private MessageDigest sha256;
  private Mac keyedHmac;
  private Mac derivingHmac;
  private final byte[] digest = new byte[32];
  private final byte[] mac = new byte[32];

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

    sha256 = MessageDigest.getInstance("SHA-256");
    keyedHmac = XksEncrypt.hmac(new byte[32]);
    derivingHmac = XksEncrypt.hmac(new byte[32]);
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

  /** SHA-256 of the body and of a canonical request, one HMAC with a keyed Mac. */
  @Benchmark
  public byte[] floorKeyHit() throws Exception {
    return Floor.sign(sha256, keyedHmac, digest, mac);
  }

  /** The floor plus the four HMACs that derive a signing key. */
  @Benchmark
  public byte[] floorKeyMiss() throws Exception {
    return Floor.sign(sha256, Floor.derive(derivingHmac, keyedHmac), digest, mac);
  }

  private static SigV4Verifier verifier(CredentialLookup lookup, int keyCacheCapacity) {
    return SigV4Verifier.builder()
        .region(XksEncrypt.REGION)
        .credentials(lookup)
        .clock(XksEncrypt.fixedClock())
        .keyCacheCapacity(keyCacheCapacity)
        .build();
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
