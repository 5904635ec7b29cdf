package dev.cks.xks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cks.XksProxyCredential;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A client of one logical key store behind an XKS proxy: the four operations of the XKS proxy API
 * as KMS calls them, each signed with SigV4 (service {@code kms-xks-proxy}).
 *
 * <pre>{@code
 * try (XksProxyClient client = XksProxyClient.builder()
 *     .endpoint("https://xks.example.com")
 *     .uriPath("/keystores/a/kms/xks/v1")
 *     .credential(credential)
 *     .region("us-east-1")
 *     .build()) {
 *   XksHealthStatus health = client.health(XksRequestMetadata.forHealthCheck("KmsHealthCheck"));
 * }
 * }</pre>
 *
 * <p>Calls use HTTPS with TLS 1.2 or 1.3 and HTTP/1.1, verify the server's certificate and
 * hostname, reuse connections, and time out after {@link Builder#callTimeout(Duration)} (250 ms by
 * default, as KMS). Every failure is an {@link XksProxyException}: a subclass per error name the
 * proxy answered with, {@link XksProxyUnreachableException} when no answer came, and {@link
 * XksProxyInvalidAnswerException} for an answer the API does not allow.
 *
 * <p>Instances are thread-safe; share one per logical key store and close it when done.
 */
public final class XksProxyClient implements AutoCloseable {

  private static final MediaType JSON = MediaType.get("application/json");
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private final OkHttpClient http;
  private final String baseUrl;
  private final String hostHeader;
  private final String uriPath;
  private final RequestSigning signing;

  private XksProxyClient(Builder builder) {
    URI endpoint = URI.create(builder.endpoint);
    String host = endpoint.getHost();
    InetSocketAddress target = builder.resolve.get(host.toLowerCase(Locale.ROOT));
    boolean https = endpoint.getScheme().equals("https");
    int defaultPort = https ? 443 : 80;
    int port = target != null ? target.getPort() : defaultPort;
    this.baseUrl = endpoint.getScheme() + "://" + host + (port == defaultPort ? "" : ":" + port);
    this.hostHeader = host + (port == defaultPort ? "" : ":" + port);
    this.uriPath = builder.uriPath;
    this.http = HttpClients.build(builder, https);
    this.signing = new RequestSigning(builder.credential, builder.region);
  }

  /** A builder; endpoint, URI path, credential and region are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Calls GetHealthStatus.
   *
   * @throws XksProxyException on any failure
   */
  public XksHealthStatus health(XksRequestMetadata metadata) {
    byte[] body = XksJson.request(metadata, json -> {});
    JsonNode answer = call("GetHealthStatus", "/health", body, metadata.kmsRequestId());
    Reader r = new Reader(answer, metadata.kmsRequestId());
    List<XksHealthStatus.EkmFleetMember> members = new ArrayList<>();
    JsonNode fleet = answer.get("ekmFleetDetails");
    if (fleet == null || !fleet.isArray() || fleet.size() < 1 || fleet.size() > 10) {
      throw r.invalid("ekmFleetDetails must be an array of 1 to 10 entries");
    }
    for (JsonNode member : fleet) {
      Reader m = new Reader(member, metadata.kmsRequestId());
      members.add(
          new XksHealthStatus.EkmFleetMember(
              m.text("id"), m.text("model"), m.text("healthStatus")));
    }
    JsonNode size = answer.get("xksProxyFleetSize");
    if (size == null || !size.canConvertToInt() || size.intValue() < 1) {
      throw r.invalid("xksProxyFleetSize must be an integer above 0");
    }
    return new XksHealthStatus(
        size.intValue(),
        r.text("xksProxyVendor"),
        r.text("xksProxyModel"),
        r.text("ekmVendor"),
        members);
  }

  /**
   * Calls GetKeyMetadata.
   *
   * @throws IllegalArgumentException if the key id is not 1 to 128 characters of {@code
   *     A-Za-z0-9-._}
   * @throws XksProxyException on any failure at or on the way to the proxy
   */
  public XksKeyMetadata keyMetadata(String externalKeyId, XksRequestMetadata metadata) {
    byte[] body = XksJson.request(metadata, json -> {});
    JsonNode answer =
        call("GetKeyMetadata", keyPath(externalKeyId, "metadata"), body, metadata.kmsRequestId());
    Reader r = new Reader(answer, metadata.kmsRequestId());
    JsonNode usage = answer.get("keyUsage");
    if (usage == null || !usage.isArray()) {
      throw r.invalid("keyUsage must be an array of strings");
    }
    List<String> usages = new ArrayList<>();
    for (JsonNode u : usage) {
      if (!u.isTextual()) {
        throw r.invalid("keyUsage must be an array of strings");
      }
      usages.add(u.textValue());
    }
    return new XksKeyMetadata(r.text("keySpec"), usages, r.text("keyStatus"));
  }

  /**
   * Calls Encrypt, and checks the answer: sizes, and the ciphertext data integrity value when the
   * request asked for it.
   *
   * @throws IllegalArgumentException if the key id is not 1 to 128 characters of {@code
   *     A-Za-z0-9-._}
   * @throws XksProxyException on any failure at or on the way to the proxy
   */
  public XksEncryptResponse encrypt(XksEncryptRequest request) {
    byte[] plaintext = request.plaintext();
    byte[] aad = request.additionalAuthenticatedData().orElse(null);
    byte[] body =
        XksJson.request(
            request.metadata(),
            json -> {
              XksJson.writeBase64(json, "plaintext", plaintext);
              json.writeStringField("encryptionAlgorithm", "AES_GCM");
              XksJson.writeBase64(json, "additionalAuthenticatedData", aad);
              if (request.requestIntegrityValue()) {
                json.writeStringField(
                    "ciphertextDataIntegrityValueAlgorithm", CiphertextIntegrity.SHA_256);
              }
            });
    String requestId = request.metadata().kmsRequestId();
    JsonNode answer = call("Encrypt", keyPath(request.externalKeyId(), "encrypt"), body, requestId);

    Reader r = new Reader(answer, requestId);
    byte[] ciphertext = r.base64("ciphertext", true);
    byte[] iv = r.base64("initializationVector", true);
    byte[] tag = r.base64("authenticationTag", true);
    byte[] metadata = r.base64("ciphertextMetadata", false);
    byte[] cdiv = r.base64("ciphertextDataIntegrityValue", false);
    if (ciphertext.length != plaintext.length) {
      throw r.invalid("ciphertext must be as long as the plaintext");
    }
    if (iv.length != 12 && iv.length != 16) {
      throw r.invalid("initializationVector must be 12 or 16 bytes, was " + iv.length);
    }
    if (tag.length != 16) {
      throw r.invalid("authenticationTag must be 16 bytes, was " + tag.length);
    }
    if (metadata != null && metadata.length > 20) {
      throw r.invalid("ciphertextMetadata must be at most 20 bytes, was " + metadata.length);
    }
    if (request.requestIntegrityValue()) {
      byte[] expected = CiphertextIntegrity.sha256(aad, metadata, iv, ciphertext, tag);
      if (cdiv == null || !MessageDigest.isEqual(expected, cdiv)) {
        throw r.invalid("ciphertextDataIntegrityValue does not match the answer");
      }
    }
    return new XksEncryptResponse(ciphertext, iv, tag, metadata, cdiv);
  }

  /**
   * Calls Decrypt.
   *
   * @throws IllegalArgumentException if the key id is not 1 to 128 characters of {@code
   *     A-Za-z0-9-._}
   * @throws XksProxyException on any failure at or on the way to the proxy; {@link
   *     XksProxyInvalidCiphertextException} when the inputs do not authenticate
   */
  public XksDecryptResponse decrypt(XksDecryptRequest request) {
    byte[] ciphertext = request.ciphertext();
    byte[] body =
        XksJson.request(
            request.metadata(),
            json -> {
              XksJson.writeBase64(json, "ciphertext", ciphertext);
              XksJson.writeBase64(
                  json, "ciphertextMetadata", request.ciphertextMetadata().orElse(null));
              json.writeStringField("encryptionAlgorithm", "AES_GCM");
              XksJson.writeBase64(
                  json,
                  "additionalAuthenticatedData",
                  request.additionalAuthenticatedData().orElse(null));
              XksJson.writeBase64(json, "initializationVector", request.initializationVector());
              XksJson.writeBase64(json, "authenticationTag", request.authenticationTag());
            });
    String requestId = request.metadata().kmsRequestId();
    JsonNode answer = call("Decrypt", keyPath(request.externalKeyId(), "decrypt"), body, requestId);
    Reader r = new Reader(answer, requestId);
    byte[] plaintext = r.base64("plaintext", true);
    if (plaintext.length != ciphertext.length) {
      throw r.invalid("plaintext must be as long as the ciphertext");
    }
    return new XksDecryptResponse(plaintext);
  }

  /** Releases the connections and threads of the client. */
  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Override
  public String toString() {
    return "XksProxyClient[" + baseUrl + uriPath + "]";
  }

  private String keyPath(String externalKeyId, String operation) {
    if (!KEY_ID.matcher(externalKeyId).matches()) {
      throw new IllegalArgumentException(
          "externalKeyId must be 1 to 128 characters of A-Z, a-z, 0-9, -, . and _, was \""
              + externalKeyId
              + "\"");
    }
    return "/keys/" + externalKeyId + "/" + operation;
  }

  private JsonNode call(String operation, String suffix, byte[] body, String requestId) {
    String path = uriPath + suffix;
    Request.Builder request =
        new Request.Builder().url(baseUrl + path).post(RequestBody.create(body, JSON));
    signing.sign(hostHeader, path, body).forEach(request::header);
    Call call = http.newCall(request.build());
    try (Response response = call.execute()) {
      ResponseBody responseBody = response.body();
      byte[] bytes = responseBody.bytes();
      JsonNode json = XksJson.parseObject(bytes);
      if (response.code() == 200) {
        if (json == null) {
          throw new XksProxyInvalidAnswerException(
              200, requestId, operation + " answer is not a JSON object");
        }
        return json;
      }
      throw errorOf(operation, response.code(), json, requestId);
    } catch (InterruptedIOException e) {
      throw new XksProxyUnreachableException(
          true, requestId, operation + " did not finish within the call timeout", e);
    } catch (IOException e) {
      throw new XksProxyUnreachableException(
          false,
          requestId,
          operation + " could not reach the XKS proxy: " + e.getClass().getSimpleName(),
          e);
    }
  }

  private static XksProxyException errorOf(
      String operation, int status, JsonNode json, String requestId) {
    JsonNode name = json == null ? null : json.get("errorName");
    XksErrorName errorName =
        name == null || !name.isTextual()
            ? null
            : XksErrorName.fromWireName(name.textValue()).orElse(null);
    if (errorName == null) {
      return new XksProxyInvalidAnswerException(
          status,
          requestId,
          operation + " failed with HTTP " + status + " and no known XKS errorName");
    }
    JsonNode message = json.get("errorMessage");
    String detail =
        message != null && message.isTextual() ? ": " + printable(message.textValue()) : "";
    return XksErrors.of(
        errorName,
        status,
        requestId,
        operation + " failed with " + errorName.wireName() + " (HTTP " + status + ")" + detail);
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < 512; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c <= 0x7e ? c : '?');
    }
    return out.toString();
  }

  /** Reads the fields of one answer object, failing with an invalid-response error. */
  private static final class Reader {
    private final JsonNode node;
    private final String requestId;

    Reader(JsonNode node, String requestId) {
      this.node = node;
      this.requestId = requestId;
    }

    String text(String field) {
      JsonNode value = node.get(field);
      if (value == null || !value.isTextual()) {
        throw invalid(field + " must be a string");
      }
      return value.textValue();
    }

    byte[] base64(String field, boolean required) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        if (required) {
          throw invalid(field + " is required");
        }
        return null;
      }
      if (!value.isTextual()) {
        throw invalid(field + " must be a base64 string");
      }
      try {
        return Base64.getDecoder().decode(value.textValue());
      } catch (IllegalArgumentException e) {
        throw invalid(field + " must be a base64 string");
      }
    }

    XksProxyInvalidAnswerException invalid(String rule) {
      return new XksProxyInvalidAnswerException(
          200, requestId, "invalid answer from the XKS proxy: " + rule);
    }
  }

  /** Builds an {@link XksProxyClient}. */
  public static final class Builder {
    String endpoint;
    String uriPath;
    XksProxyCredential credential;
    String region;
    Duration callTimeout = Duration.ofMillis(250);
    final Map<String, InetSocketAddress> resolve = new HashMap<>();
    List<String> trustedPems;
    String clientCertificatePem;
    String clientKeyPem;

    private Builder() {}

    /**
     * Sets the endpoint, {@code https://<host>} without port or path, as KMS's {@code
     * XksProxyUriEndpoint}. {@code http://<host>} is accepted for a proxy in plain-HTTP mode.
     *
     * @throws IllegalArgumentException if it is not such a URI
     */
    public Builder endpoint(String endpoint) {
      URI uri = URI.create(Objects.requireNonNull(endpoint, "endpoint"));
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
          || uri.getHost() == null
          || uri.getPort() != -1
          || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
          || uri.getRawQuery() != null) {
        throw new IllegalArgumentException(
            "XksProxyUriEndpoint must be https://<host> with no port or path, was \""
                + endpoint
                + "\"");
      }
      this.endpoint = endpoint;
      return this;
    }

    /**
     * Sets the URI path of the logical key store, such as {@code /keystores/a/kms/xks/v1}.
     *
     * @throws IllegalArgumentException if it does not end with {@code /kms/xks/v1} or has
     *     characters other than {@code a-zA-Z0-9/_-}
     */
    public Builder uriPath(String uriPath) {
      if (uriPath == null
          || uriPath.length() > 128
          || !uriPath.matches("(/[a-zA-Z0-9/_-]+)?/kms/xks/v1")) {
        throw new IllegalArgumentException(
            "XksProxyUriPath must end with /kms/xks/v1 and have at most 128 characters of"
                + " a-zA-Z0-9/_-, was \""
                + uriPath
                + "\"");
      }
      this.uriPath = uriPath;
      return this;
    }

    /** Sets the credential the requests are signed with. */
    public Builder credential(XksProxyCredential credential) {
      this.credential = Objects.requireNonNull(credential, "credential");
      return this;
    }

    /** Sets the AWS Region in the signature's scope, such as {@code us-east-1}. */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /**
     * Sets the timeout of each call, from the start of the connection to the end of the answer; 250
     * ms by default.
     */
    public Builder callTimeout(Duration callTimeout) {
      if (callTimeout.isNegative() || callTimeout.isZero()) {
        throw new IllegalArgumentException("callTimeout must be positive, was " + callTimeout);
      }
      this.callTimeout = callTimeout;
      return this;
    }

    /**
     * Connects to {@code address} whenever the endpoint's host is {@code hostname}, as {@code curl
     * --resolve} does; TLS still verifies the certificate against {@code hostname}. Since endpoints
     * carry no port, the port of {@code address} replaces 443, and the {@code Host} header then
     * carries it.
     */
    public Builder resolve(String hostname, InetSocketAddress address) {
      resolve.put(hostname.toLowerCase(Locale.ROOT), Objects.requireNonNull(address, "address"));
      return this;
    }

    /**
     * Trusts only the certificates in the given PEM text (one or more {@code CERTIFICATE} blocks),
     * instead of the system's certificate authorities.
     */
    public Builder trustPem(String pemCertificates) {
      if (trustedPems == null) {
        trustedPems = new ArrayList<>();
      }
      trustedPems.add(Objects.requireNonNull(pemCertificates, "pemCertificates"));
      return this;
    }

    /**
     * Trusts only the certificates in the given PEM file, instead of the system's certificate
     * authorities.
     *
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public Builder trustPem(Path pemFile) {
      try {
        return trustPem(Files.readString(pemFile, StandardCharsets.US_ASCII));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot read " + pemFile, e);
      }
    }

    /**
     * Presents a client certificate for mutual TLS: a PEM certificate chain and its PKCS#8 PEM
     * private key ({@code BEGIN PRIVATE KEY}, RSA or EC).
     */
    public Builder clientCertificate(String certificateChainPem, String privateKeyPem) {
      this.clientCertificatePem = Objects.requireNonNull(certificateChainPem);
      this.clientKeyPem = Objects.requireNonNull(privateKeyPem);
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws IllegalStateException if endpoint, URI path, credential or region is missing
     * @throws IllegalArgumentException if a PEM input cannot be read
     */
    public XksProxyClient build() {
      if (endpoint == null || uriPath == null || credential == null || region == null) {
        throw new IllegalStateException(
            "endpoint, uriPath, credential and region are required to build an XksProxyClient");
      }
      return new XksProxyClient(this);
    }

    long callTimeoutMillis() {
      return TimeUnit.NANOSECONDS.toMillis(callTimeout.toNanos());
    }
  }
}
