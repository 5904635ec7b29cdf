package dev.cks.signer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An HTTP request to sign with {@link SigV4Signer}: method, host, path, query parameters, headers
 * and body.
 *
 * <p>The path is given as sent on the wire, already percent-encoded where the URI needs it; the
 * signer encodes it once more for the canonical request, as SigV4 asks of every service but S3.
 * Query parameters are given decoded; the signer encodes them. Headers keep their order; a name
 * given more than once is signed with its values joined by commas, in the order given.
 *
 * <pre>{@code
 * SigningRequest request = SigningRequest.builder()
 *     .method("POST")
 *     .host("xks.example.com")
 *     .path("/kms/xks/v1/keys/k1/encrypt")
 *     .header("Content-Type", "application/json")
 *     .body(json)
 *     .build();
 * }</pre>
 *
 * <p>Instances are immutable except for the body array, which is not copied: do not change it while
 * a request that holds it is being signed.
 */
public final class SigningRequest {

  private static final String[] RESERVED_HEADERS = {
    "authorization", "host", "x-amz-content-sha256", "x-amz-date", "x-amz-security-token"
  };

  private static final byte[] EMPTY = new byte[0];

  private final String method;
  private final String host;
  private final String path;
  private final String[] query;
  private final String[] headers;
  private final byte[] body;

  private SigningRequest(Builder builder) {
    this.method = builder.method;
    this.host = builder.host;
    this.path = builder.path;
    this.query = builder.query.toArray(new String[0]);
    this.headers = builder.headers.toArray(new String[0]);
    this.body = builder.body;
  }

  /** A builder with method {@code POST}, path {@code /} and an empty body. */
  public static Builder builder() {
    return new Builder();
  }

  /** The HTTP method, such as {@code POST}. */
  public String method() {
    return method;
  }

  /**
   * The {@code Host} header value: the host name, with {@code :port} if the port is not the
   * default.
   */
  public String host() {
    return host;
  }

  /** The path as sent on the wire. */
  public String path() {
    return path;
  }

  /** The body. The array is shared, not copied. */
  public byte[] body() {
    return body;
  }

  /** Query parameters, decoded: names at even indexes, values at odd ones. Shared array. */
  String[] queryPairs() {
    return query;
  }

  /** Headers: names at even indexes, values at odd ones. Shared array. */
  String[] headerPairs() {
    return headers;
  }

  /** Lists method, host, path, parameter names and header names; no values, no body. */
  @Override
  public String toString() {
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < headers.length; i += 2) {
      names.append(i == 0 ? "" : ", ").append(headers[i]);
    }
    return "SigningRequest["
        + method
        + " https://"
        + host
        + path
        + ", "
        + query.length / 2
        + " query parameters, headers=["
        + names
        + "], "
        + body.length
        + " body bytes]";
  }

  /** Builds a {@link SigningRequest}. Not thread-safe. */
  public static final class Builder {

    private String method = "POST";
    private String host;
    private String path = "/";
    private final List<String> query = new ArrayList<>();
    private final List<String> headers = new ArrayList<>();
    private byte[] body = EMPTY;

    private Builder() {}

    /**
     * The HTTP method, an RFC 9110 token such as {@code GET} or {@code POST}.
     *
     * @throws IllegalArgumentException if the method is empty or holds a char that is not a token
     *     char
     */
    public Builder method(String method) {
      Objects.requireNonNull(method, "method must not be null");
      boolean valid = !method.isEmpty();
      for (int i = 0; i < method.length() && valid; i++) {
        char c = method.charAt(i);
        valid = c > ' ' && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
      }
      if (!valid) {
        throw new IllegalArgumentException(
            "method must be an HTTP token such as POST, was \"" + method + "\"");
      }
      this.method = method;
      return this;
    }

    /**
     * The {@code Host} header value, signed as given after trimming.
     *
     * @throws IllegalArgumentException if the host is empty or blank
     */
    public Builder host(String host) {
      Objects.requireNonNull(host, "host must not be null");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank, was \"" + host + "\"");
      }
      this.host = host;
      return this;
    }

    /**
     * The path as sent on the wire, without query; empty means {@code /}.
     *
     * @throws IllegalArgumentException if the path is not empty and does not start with {@code /},
     *     or holds {@code ?} or {@code #}
     */
    public Builder path(String path) {
      Objects.requireNonNull(path, "path must not be null");
      if (!path.isEmpty() && path.charAt(0) != '/'
          || path.indexOf('?') >= 0
          || path.indexOf('#') >= 0) {
        throw new IllegalArgumentException(
            "path must start with / and hold no ? or #, was \"" + path + "\"");
      }
      this.path = path;
      return this;
    }

    /** Adds a decoded query parameter; a name may repeat. */
    public Builder queryParameter(String name, String value) {
      query.add(Objects.requireNonNull(name, "query parameter name must not be null"));
      query.add(Objects.requireNonNull(value, "query parameter value must not be null"));
      return this;
    }

    /**
     * Adds a header to sign; a name may repeat. Names are case-insensitive. The headers {@code
     * Connection}, {@code Expect}, {@code Transfer-Encoding}, {@code User-Agent}, {@code
     * X-Amzn-Trace-Id} and {@code X-Forwarded-For} are accepted but not signed, as proxies may
     * change them.
     *
     * @throws IllegalArgumentException if the name is not an HTTP token, or is one the signer sets
     *     itself: {@code Authorization}, {@code Host}, {@code X-Amz-Content-Sha256}, {@code
     *     X-Amz-Date} or {@code X-Amz-Security-Token}
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "header name must not be null");
      Objects.requireNonNull(value, "header value must not be null");
      boolean token = !name.isEmpty();
      for (int i = 0; i < name.length() && token; i++) {
        char c = name.charAt(i);
        token = c > ' ' && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
      }
      if (!token) {
        throw new IllegalArgumentException(
            "header name must be an HTTP token, was \"" + name + "\"");
      }
      String lower = name.toLowerCase(Locale.ROOT);
      for (String reserved : RESERVED_HEADERS) {
        if (reserved.equals(lower)) {
          throw new IllegalArgumentException(
              "header " + name + " is set by the signer and must not be given");
        }
      }
      headers.add(name);
      headers.add(value);
      return this;
    }

    /** The body; not copied. Empty by default. */
    public Builder body(byte[] body) {
      this.body = Objects.requireNonNull(body, "body must not be null");
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalStateException if no host was given
     */
    public SigningRequest build() {
      if (host == null) {
        throw new IllegalStateException("host is required");
      }
      return new SigningRequest(this);
    }
  }
}
