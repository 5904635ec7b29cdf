package dev.cks.signer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The header-signing cases of the official SigV4 test suite (the aws-c-auth copy, in test resources
 * under {@code sigv4-vectors/v4} with its LICENSE and NOTICE): for each case the canonical request,
 * the string to sign, the signature and the signed request must come out byte for byte. The suite's
 * presigned-URL ({@code query-*}) files are not checked: the signers of this package sign in the
 * {@code Authorization} header only.
 */
class OfficialVectorsTest {

  /** Every header case of the suite; the count guards against cases silently going missing. */
  private static final int CASES = 38;

  @Test
  void suite_hasEveryCase() {
    assertThat(cases()).hasSize(CASES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void generalSigner_matchesCanonicalRequestStringToSignAndSignature(String name) {
    VectorCase vector = VectorCase.load(name);

    SignatureHeaders headers = vector.generalSigner().sign(vector.request());

    assertThat(SignerCore.lastCanonicalRequest())
        .isEqualTo(vector.file("header-canonical-request.txt"));
    assertThat(SignerCore.lastStringToSign()).isEqualTo(vector.file("header-string-to-sign.txt"));
    assertThat(headers.signature()).isEqualTo(vector.file("header-signature.txt"));
    assertThat(headers.amzDate()).isEqualTo("20150830T123600Z");
    assertThat(vector.file("header-signed-request.txt"))
        .contains("\nAuthorization:" + headers.authorization() + "\n")
        .contains("\nX-Amz-Date:" + headers.amzDate() + "\n");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void generalSigner_addsExactlyTheHeadersOfTheSignedRequest(String name) {
    VectorCase vector = VectorCase.load(name);

    SignatureHeaders headers = vector.generalSigner().sign(vector.request());

    List<String> expected = new ArrayList<>(vector.requestHeaderLines());
    headers.forEach((header, value) -> expected.add(header + ":" + value));
    if (vector.tokenAddedAfterSigning()) {
      // The suite's "header-after" case signs without the token and adds it unsigned afterwards.
      expected.add("X-Amz-Security-Token:" + vector.context("token"));
    }
    assertThat(vector.signedRequestHeaderLines())
        .map(VectorCase::normalizedHeaderLine)
        .containsExactlyInAnyOrderElementsOf(
            expected.stream().map(VectorCase::normalizedHeaderLine).collect(Collectors.toList()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fastPathCases")
  void fastSigner_matchesSignatureOfXksShapedCase(String name) {
    VectorCase vector = VectorCase.load(name);
    XksRequestSigner signer =
        XksRequestSigner.builder()
            .region(vector.context("region"))
            .service(vector.context("service"))
            .credentials(vector.credentials())
            .clock(vector.clock())
            .build();

    SignatureHeaders headers = signer.sign(vector.host(), vector.path(), vector.body());

    assertThat(SignerCore.lastCanonicalRequest())
        .isEqualTo(vector.file("header-canonical-request.txt"));
    assertThat(SignerCore.lastStringToSign()).isEqualTo(vector.file("header-string-to-sign.txt"));
    assertThat(headers.signature()).isEqualTo(vector.file("header-signature.txt"));
  }

  @Test
  void fastSigner_coversTheXksShapedCases() {
    List<String> shaped =
        cases()
            .filter(
                name -> {
                  VectorCase v = VectorCase.load(name);
                  return v.method().equals("POST")
                      && v.query().isEmpty()
                      && v.otherHeaders().isEmpty()
                      && !v.signsBody();
                })
            .collect(Collectors.toList());
    assertThat(shaped).containsExactlyInAnyOrderElementsOf(fastPathCases());
  }

  /** The cases that are XKS-shaped requests: a POST with no query and no header but the host. */
  static List<String> fastPathCases() {
    return List.of(
        "post-header-key-case", "post-sts-header-after", "post-sts-header-before", "post-vanilla");
  }

  static Stream<String> cases() {
    try (Stream<Path> dirs = Files.list(VectorCase.root())) {
      return dirs
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .collect(Collectors.toList())
          .stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One case directory of the suite. */
  static final class VectorCase {
    private static final Pattern FIELD =
        Pattern.compile("\"([a-z_]+)\"\\s*:\\s*(\"([^\"]*)\"|true|false|[0-9]+)");

    private final Path dir;
    private final Map<String, String> context;
    private final String method;
    private final String path;
    private final String query;
    private final List<String[]> headers;
    private final byte[] body;

    private VectorCase(Path dir) {
      this.dir = dir;
      this.context = parseContext(file("context.json"));
      String request = file("request.txt");
      int headerEnd = request.indexOf("\n\n");
      String head = headerEnd < 0 ? request : request.substring(0, headerEnd);
      this.body =
          headerEnd < 0
              ? new byte[0]
              : request.substring(headerEnd + 2).getBytes(StandardCharsets.UTF_8);
      String[] lines = head.split("\n");
      String requestLine = lines[0];
      this.method = requestLine.substring(0, requestLine.indexOf(' '));
      String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(' '));
      int question = target.indexOf('?');
      this.path = question < 0 ? target : target.substring(0, question);
      this.query = question < 0 ? "" : target.substring(question + 1);
      this.headers = new ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        String line = lines[i];
        if (line.startsWith(" ") || line.startsWith("\t")) {
          String[] last = headers.get(headers.size() - 1);
          last[1] = last[1] + "\n" + line;
        } else {
          int colon = line.indexOf(':');
          headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1)});
        }
      }
    }

    static Path root() {
      try {
        return Path.of(VectorCase.class.getResource("/sigv4-vectors/v4").toURI());
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }

    static VectorCase load(String name) {
      return new VectorCase(root().resolve(name));
    }

    String file(String name) {
      try {
        return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String context(String key) {
      return context.get(key);
    }

    boolean normalize() {
      return Boolean.parseBoolean(context.get("normalize"));
    }

    boolean signsBody() {
      return Boolean.parseBoolean(context.get("sign_body"));
    }

    boolean tokenAddedAfterSigning() {
      return context.containsKey("token")
          && Boolean.parseBoolean(context.get("omit_session_token"));
    }

    SigV4Credentials credentials() {
      String id = context.get("access_key_id");
      String secret = context.get("secret_access_key");
      return context.containsKey("token") && !tokenAddedAfterSigning()
          ? SigV4Credentials.of(id, secret, context.get("token"))
          : SigV4Credentials.of(id, secret);
    }

    Clock clock() {
      return Clock.fixed(Instant.parse(context.get("timestamp")), ZoneOffset.UTC);
    }

    SigV4Signer generalSigner() {
      return SigV4Signer.builder()
          .region(context.get("region"))
          .service(context.get("service"))
          .credentials(credentials())
          .clock(clock())
          .normalizePath(normalize())
          .contentSha256Header(signsBody())
          .build();
    }

    String method() {
      return method;
    }

    String path() {
      return path;
    }

    String query() {
      return query;
    }

    byte[] body() {
      return body;
    }

    String host() {
      return headers.stream()
          .filter(h -> h[0].equalsIgnoreCase("host"))
          .map(h -> h[1])
          .findFirst()
          .orElseThrow();
    }

    List<String[]> otherHeaders() {
      return headers.stream()
          .filter(h -> !h[0].equalsIgnoreCase("host"))
          .collect(Collectors.toList());
    }

    SigningRequest request() {
      SigningRequest.Builder builder =
          SigningRequest.builder().method(method).host(host()).path(path).body(body);
      String[] pairs = Canonical.parseQuery(query);
      for (int i = 0; i < pairs.length; i += 2) {
        builder.queryParameter(pairs[i], pairs[i + 1]);
      }
      for (String[] header : otherHeaders()) {
        builder.header(header[0], header[1]);
      }
      return builder.build();
    }

    List<String> requestHeaderLines() {
      return headers.stream().map(h -> h[0] + ":" + h[1]).collect(Collectors.toList());
    }

    List<String> signedRequestHeaderLines() {
      String signed = file("header-signed-request.txt");
      int headerEnd = signed.indexOf("\n\n");
      String head = headerEnd < 0 ? signed.stripTrailing() : signed.substring(0, headerEnd);
      List<String> lines = new ArrayList<>();
      for (String line : head.substring(head.indexOf('\n') + 1).split("\n")) {
        if (line.startsWith(" ") || line.startsWith("\t")) {
          lines.set(lines.size() - 1, lines.get(lines.size() - 1) + "\n" + line);
        } else {
          lines.add(line);
        }
      }
      return lines;
    }

    /** A header line with its name in lower case, for comparison regardless of name case. */
    static String normalizedHeaderLine(String line) {
      int colon = line.indexOf(':');
      return line.substring(0, colon).toLowerCase(java.util.Locale.ROOT) + line.substring(colon);
    }

    private static Map<String, String> parseContext(String json) {
      Map<String, String> fields = new java.util.HashMap<>();
      Matcher m = FIELD.matcher(json);
      while (m.find()) {
        fields.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(2));
      }
      return fields;
    }
  }
}
