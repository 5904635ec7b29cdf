package dev.cks.signer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The verifier accepts every request a signer of this package makes and rejects every single-byte
 * change to what the signature covers.
 */
class VerifierPropertiesTest {

  private static final SigV4Credentials OTHER =
      SigV4Credentials.of("OTHERKEYID234567ABCDE", "o".repeat(44));

  @Property(tries = 2_000)
  void verify_withRequestFromGeneralSigner_accepts(
      @ForAll("identities") Requests.Identity id,
      @ForAll("methods") String method,
      @ForAll("hostNames") String host,
      @ForAll("paths") String path,
      @ForAll("queries") List<String> query,
      @ForAll("headers") List<String> headers,
      @ForAll("bodies") byte[] body,
      @ForAll @IntRange(min = -300, max = 300) int skewSeconds) {
    Signed signed = Signed.general(id, method, host, path, query, headers, body);

    VerificationResult result =
        verifier(id, skewSeconds)
            .verify(method, path, signed.rawQuery, signed.headerSource(), body);

    assertThat(result.outcome()).isEqualTo(VerificationOutcome.ACCEPTED);
    assertThat(result.accessKeyId()).contains(id.accessKeyId());
  }

  @Property(tries = 2_000)
  void verify_withRequestFromFastSigner_accepts(
      @ForAll("identities") Requests.Identity id,
      @ForAll("hostNames") String host,
      @ForAll("paths") String path,
      @ForAll("bodies") byte[] body,
      @ForAll boolean contentSha256,
      @ForAll @IntRange(min = -300, max = 300) int skewSeconds) {
    XksRequestSigner signer =
        XksRequestSigner.builder()
            .region(id.region())
            .service(id.service())
            .credentials(id.credentials())
            .clock(Clock.fixed(id.time(), ZoneOffset.UTC))
            .contentSha256Header(contentSha256)
            .build();
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("Host", List.of(host));
    headers.put("Content-Type", List.of("application/json"));
    signer.sign(host, path, body).forEach((name, value) -> headers.put(name, List.of(value)));

    VerificationResult result =
        verifier(id, skewSeconds).verify("POST", path, null, headers::get, body);

    assertThat(result.outcome()).isEqualTo(VerificationOutcome.ACCEPTED);
  }

  /**
   * Paths here have no {@code .} or {@code ..} segment: a change inside a segment that a later
   * {@code ..} removes does not change the canonical URI, so SigV4 itself cannot see it. For the
   * same reason a change of the path that keeps its canonical URI, such as {@code //} into {@code
   * /.}, both {@code /}, is not tried.
   */
  @Property(tries = 5_000)
  void verify_withOneByteChanged_rejects(
      @ForAll("identities") Requests.Identity id,
      @ForAll("methods") String method,
      @ForAll("hostNames") String host,
      @ForAll("pathsWithoutDots") String path,
      @ForAll("headers") List<String> headers,
      @ForAll("bodies") byte[] body,
      @ForAll("targets") Target target,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position,
      @ForAll @IntRange(min = 0x21, max = 0x7e) int replacement) {
    Signed signed = Signed.general(id, method, host, path, List.of(), headers, body);
    SigV4Verifier verifier = verifier(id, 0);
    String changedMethod = method;
    String changedPath = path;
    byte[] changedBody = body;
    Map<String, List<String>> changedHeaders = signed.headers;

    switch (target) {
      case METHOD:
        changedMethod = replace(method, position, replacement);
        break;
      case PATH:
        changedPath = replace(path, position, replacement);
        Assume.that(!canonicalUri(changedPath).equals(canonicalUri(path)));
        break;
      case BODY:
        changedBody = body.clone();
        if (body.length == 0) {
          changedBody = new byte[] {(byte) replacement};
        } else {
          changedBody[position % body.length] ^= (byte) (1 + replacement % 255);
        }
        break;
      case SIGNED_HEADER:
        changedHeaders = changeSignedHeader(signed, position, replacement);
        break;
      case SIGNATURE:
        changedHeaders = changeSignature(signed, position, replacement);
        break;
      default:
        throw new AssertionError(target);
    }

    assertThat(verifier.verify(method, path, null, signed.headerSource(), body).accepted())
        .isTrue();
    VerificationResult result =
        verifier.verify(changedMethod, changedPath, null, source(changedHeaders), changedBody);
    assertThat(result.accepted()).as("%s changed: %s", target, result).isFalse();
  }

  @Property(tries = 1_000)
  void verify_withTimeOutsideSkew_rejectsAsStaleOrFuture(
      @ForAll("identities") Requests.Identity id,
      @ForAll @IntRange(min = 301, max = 10_000_000) int distance,
      @ForAll boolean past) {
    Signed signed =
        Signed.general(id, "POST", "xks.example.com", "/", List.of(), List.of(), new byte[0]);
    int skew = past ? distance : -distance;

    VerificationResult result =
        verifier(id, skew).verify("POST", "/", null, signed.headerSource(), new byte[0]);

    assertThat(result.outcome())
        .isEqualTo(past ? VerificationOutcome.STALE : VerificationOutcome.FUTURE);
  }

  enum Target {
    METHOD,
    PATH,
    BODY,
    SIGNED_HEADER,
    SIGNATURE
  }

  private static Map<String, List<String>> changeSignedHeader(
      Signed signed, int position, int replacement) {
    List<String[]> candidates = new ArrayList<>();
    String authorization = signed.headers.get("Authorization").get(0);
    String signedNames =
        authorization.substring(
            authorization.indexOf("SignedHeaders=") + 14, authorization.indexOf(", Signature="));
    for (String name : signedNames.split(";")) {
      List<String> values = signed.headers.get(name);
      for (int i = 0; i < values.size(); i++) {
        if (!values.get(i).isBlank()) {
          candidates.add(new String[] {name, Integer.toString(i)});
        }
      }
    }
    String[] chosen = candidates.get(position % candidates.size());
    List<String> values = new ArrayList<>(signed.headers.get(chosen[0]));
    int index = Integer.parseInt(chosen[1]);
    String value = values.get(index);
    // Whitespace is left alone: SigV4 trims it and folds runs of it, so such changes are invisible.
    int[] visible = value.chars().filter(c -> !Canonical.isWhitespace((char) c)).toArray();
    int target = nthNonWhitespace(value, position % visible.length);
    values.set(index, replace(value, target, replacement));
    Map<String, List<String>> changed = copy(signed.headers);
    changed.put(chosen[0], values);
    return changed;
  }

  private static Map<String, List<String>> changeSignature(
      Signed signed, int position, int replacement) {
    String authorization = signed.headers.get("Authorization").get(0);
    int at = authorization.length() - 64 + position % 64;
    Map<String, List<String>> changed = copy(signed.headers);
    changed.put("Authorization", List.of(replace(authorization, at, replacement)));
    return changed;
  }

  private static int nthNonWhitespace(String value, int n) {
    for (int i = 0, seen = 0; i < value.length(); i++) {
      if (!Canonical.isWhitespace(value.charAt(i)) && seen++ == n) {
        return i;
      }
    }
    throw new AssertionError("no such char");
  }

  /** The text with the char at {@code position} (modulo its length) replaced by another char. */
  private static String canonicalUri(String path) {
    AsciiBuffer uri = new AsciiBuffer(16);
    Canonical.appendUri(uri, path, true, true);
    return uri.toLatin1String();
  }

  private static String replace(String text, int position, int replacement) {
    int at = position % text.length();
    char c = (char) replacement;
    if (c == text.charAt(at)) {
      c = c == '~' ? '!' : (char) (c + 1);
    }
    return text.substring(0, at) + c + text.substring(at + 1);
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> headers) {
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(headers);
    return copy;
  }

  private static HeaderSource source(Map<String, List<String>> headers) {
    return headers::get;
  }

  private static SigV4Verifier verifier(Requests.Identity id, int skewSeconds) {
    return SigV4Verifier.builder()
        .region(id.region())
        .service(id.service())
        .credentials(CredentialLookup.of(OTHER, id.credentials()))
        .clock(Clock.fixed(id.time().plusSeconds(skewSeconds), ZoneOffset.UTC))
        .build();
  }

  /** A request signed by the general signer, as a server would receive it. */
  private static final class Signed {
    final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    String rawQuery;

    static Signed general(
        Requests.Identity id,
        String method,
        String host,
        String path,
        List<String> query,
        List<String> headers,
        byte[] body) {
      Signed signed = new Signed();
      SigningRequest.Builder request =
          SigningRequest.builder().method(method).host(host).path(path).body(body);
      StringBuilder rawQuery = new StringBuilder();
      for (int i = 0; i < query.size(); i += 2) {
        request.queryParameter(query.get(i), query.get(i + 1));
        rawQuery.append(rawQuery.length() == 0 ? "" : "&");
        rawQuery.append(Canonical.uriEncode(query.get(i))).append('=');
        rawQuery.append(Canonical.uriEncode(query.get(i + 1)));
      }
      signed.rawQuery = rawQuery.toString();
      signed.add("Host", host);
      for (int i = 0; i < headers.size(); i += 2) {
        request.header(headers.get(i), headers.get(i + 1));
        signed.add(headers.get(i), headers.get(i + 1));
      }
      SigV4Signer signer =
          SigV4Signer.builder()
              .region(id.region())
              .service(id.service())
              .credentials(id.credentials())
              .clock(Clock.fixed(id.time(), ZoneOffset.UTC))
              .build();
      signer.sign(request.build()).forEach(signed::add);
      return signed;
    }

    private void add(String name, String value) {
      headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(value);
    }

    HeaderSource headerSource() {
      return headers::get;
    }
  }

  @Provide
  Arbitrary<Target> targets() {
    return Arbitraries.of(Target.class);
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
  Arbitrary<String> paths() {
    return Requests.paths();
  }

  @Provide
  Arbitrary<String> pathsWithoutDots() {
    return Requests.paths()
        .filter(
            p ->
                !p.contains("/./")
                    && !p.contains("/../")
                    && !p.endsWith("/.")
                    && !p.endsWith("/.."));
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
