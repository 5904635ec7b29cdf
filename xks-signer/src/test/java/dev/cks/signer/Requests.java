package dev.cks.signer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of credentials, scopes, hosts, paths, queries, headers and bodies. */
final class Requests {

  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String SECRET_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+=";
  private static final String SUB_DELIMS = "!$&'()*+,;=:@";

  private Requests() {}

  /** A signing identity and scope. */
  record Identity(
      String accessKeyId,
      String secret,
      String sessionToken,
      String region,
      String service,
      Instant time) {

    SigV4Credentials credentials() {
      return sessionToken == null
          ? SigV4Credentials.of(accessKeyId, secret)
          : SigV4Credentials.of(accessKeyId, secret, sessionToken);
    }
  }

  static Arbitrary<Identity> identities() {
    Arbitrary<String> accessKeyIds =
        Arbitraries.oneOf(
            Arbitraries.strings().withChars(BASE32).ofMinLength(1).ofMaxLength(64),
            Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(64));
    Arbitrary<String> secrets =
        Arbitraries.strings().withChars(SECRET_CHARS).ofMinLength(1).ofMaxLength(64);
    Arbitrary<String> tokens =
        seeded(
                1,
                400,
                (random, length) -> {
                  char[] token = new char[length];
                  for (int i = 0; i < length; i++) {
                    token[i] = SECRET_CHARS.charAt(random.nextInt(SECRET_CHARS.length()));
                  }
                  return new String(token);
                })
            .injectNull(0.7);
    Arbitrary<String> regions =
        Arbitraries.oneOf(
            Arbitraries.of("us-east-1", "eu-west-1", "ap-southeast-2"),
            scopePart().ofMaxLength(20));
    Arbitrary<String> services =
        Arbitraries.oneOf(Arbitraries.just("kms-xks-proxy"), scopePart().ofMaxLength(24));
    Arbitrary<Instant> times =
        Arbitraries.longs()
            .between(
                Instant.parse("2000-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("2099-12-31T23:59:59Z").getEpochSecond())
            .map(Instant::ofEpochSecond);
    return Combinators.combine(accessKeyIds, secrets, tokens, regions, services, times)
        .as(Identity::new);
  }

  private static net.jqwik.api.arbitraries.StringArbitrary scopePart() {
    return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMinLength(1);
  }

  /** A host name of DNS labels. */
  static Arbitrary<String> hostNames() {
    Arbitrary<String> label =
        Combinators.combine(
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz").ofLength(1),
                Arbitraries.strings()
                    .withChars("abcdefghijklmnopqrstuvwxyz0123456789-")
                    .ofMaxLength(18),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofLength(1))
            .as((first, middle, last) -> first + middle + last);
    return label.list().ofMinSize(1).ofMaxSize(4).map(labels -> String.join(".", labels));
  }

  /** A port, or -1 for the default port 443. */
  static Arbitrary<Integer> ports() {
    return Arbitraries.oneOf(
        Arbitraries.just(-1), Arbitraries.integers().between(1, 65_535).filter(p -> p != 443));
  }

  /** A path as sent on the wire: plain XKS paths, and paths that need encoding or normalizing. */
  static Arbitrary<String> paths() {
    Arbitrary<String> xks =
        Arbitraries.strings()
            .withChars(UNRESERVED)
            .ofMinLength(1)
            .ofMaxLength(40)
            .map(key -> "/example/kms/xks/v1/keys/" + key + "/encrypt");
    Arbitrary<String> segment =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, Arbitraries.strings().withChars(UNRESERVED).ofMaxLength(12)),
            net.jqwik.api.Tuple.of(2, Arbitraries.of(".", "..")),
            net.jqwik.api.Tuple.of(
                2, Arbitraries.strings().withChars(SUB_DELIMS).ofMinLength(1).ofMaxLength(3)),
            net.jqwik.api.Tuple.of(
                2, Arbitraries.integers().between(0, 255).map(b -> String.format("%%%02X", b))),
            net.jqwik.api.Tuple.of(1, Arbitraries.of("\u00e9t\u00e9", "\u1234", "a\u00ffb")));
    Arbitrary<String> general =
        Combinators.combine(segment.list().ofMaxSize(6), Arbitraries.of(true, false))
            .as(
                (segments, trailingSlash) -> {
                  StringBuilder path = new StringBuilder();
                  int depth = 0;
                  for (String s : segments) {
                    if (s.equals("..") && depth == 0) {
                      // A ".." above the root is out of scope: this package drops it, the SDK keeps
                      // it.
                      continue;
                    }
                    depth += s.equals("..") ? -1 : s.equals(".") || s.isEmpty() ? 0 : 1;
                    path.append('/').append(s);
                  }
                  return path.length() == 0 || trailingSlash ? path + "/" : path.toString();
                });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, xks), net.jqwik.api.Tuple.of(4, general));
  }

  /** Decoded query parameters, names at even indexes. */
  static Arbitrary<List<String>> queries() {
    Arbitrary<String> text =
        Arbitraries.oneOf(
            Arbitraries.strings().withChars(UNRESERVED).ofMaxLength(10),
            Arbitraries.strings()
                .withChars(UNRESERVED + SUB_DELIMS + " %/?#\"<>\u00e9\u1234")
                .ofMaxLength(10));
    return Combinators.combine(text, text).as(List::of).list().ofMaxSize(5).map(Requests::flatten);
  }

  /** Headers to sign, names at even indexes: repeated names, mixed case, unsigned names. */
  static Arbitrary<List<String>> headers() {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.of(
                "Content-Type",
                "content-type",
                "X-Amz-Target",
                "Content-Length",
                "My-Header1",
                "MY-HEADER1",
                "User-Agent",
                "Connection",
                "Expect",
                "Transfer-Encoding",
                "X-Amzn-Trace-Id",
                "X-Forwarded-For",
                "amz-sdk-invocation-id"),
            Arbitraries.strings()
                .withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_!#")
                .ofMinLength(1)
                .ofMaxLength(12)
                .filter(n -> !isReserved(n)));
    Arbitrary<String> values =
        Arbitraries.oneOf(
            Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30),
            Arbitraries.strings().withChars(" \t\u000b\f\r\nab\"").ofMaxLength(10),
            Arbitraries.strings().withChars("ab \u00e9\u00fc").ofMaxLength(8));
    return Combinators.combine(names, values)
        .as(List::of)
        .list()
        .ofMaxSize(6)
        .map(Requests::flatten);
  }

  /** Bodies up to 1 KiB; drawn from a seed, as byte-by-byte generation is slow. */
  static Arbitrary<byte[]> bodies() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(4),
        seeded(
            0,
            1024,
            (random, length) -> {
              byte[] body = new byte[length];
              random.nextBytes(body);
              return body;
            }));
  }

  /** Values of a random length made from a seeded random source: one cheap draw per value. */
  private static <T> Arbitrary<T> seeded(
      int minLength,
      int maxLength,
      java.util.function.BiFunction<java.util.Random, Integer, T> make) {
    return Combinators.combine(
            Arbitraries.integers().between(minLength, maxLength), Arbitraries.longs())
        .as((length, seed) -> make.apply(new java.util.Random(seed), length));
  }

  static Arbitrary<String> methods() {
    return Arbitraries.of("GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS");
  }

  private static boolean isReserved(String name) {
    return List.of(
            "authorization", "host", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token")
        .contains(name.toLowerCase(java.util.Locale.ROOT));
  }

  private static List<String> flatten(List<List<String>> pairs) {
    List<String> flat = new ArrayList<>();
    pairs.forEach(flat::addAll);
    return flat;
  }
}
