package dev.cks.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cks.CksException;
import dev.cks.CustomKeyStoreDescription;
import dev.cks.ValidationException;
import dev.cks.Violation;
import dev.cks.json.KmsJson;
import dev.cks.signer.CredentialLookup;
import dev.cks.signer.SigV4Verifier;
import dev.cks.signer.VerificationResult;
import dev.cks.spi.DescribePage;
import dev.cks.spi.DescribeRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP endpoint on loopback that speaks KMS's own protocol (JSON 1.1, {@code POST /} with {@code
 * X-Amz-Target: TrentService.<Operation>}) over a {@link LocalKms}, so that the AWS SDKs and the
 * AWS CLI can be pointed at it with an endpoint override.
 *
 * <p>It serves the six custom key store operations and CreateKey, DescribeKey, Encrypt, Decrypt,
 * GenerateDataKey and ScheduleKeyDeletion. Errors come back as KMS sends them: the error name in
 * {@code __type}, a {@code message}, the HTTP status of that error and a request id.
 *
 * <p>By default any request with a well-formed SigV4 {@code Authorization} header for service
 * {@code kms} is accepted; {@link Builder#credentials} makes the endpoint verify signatures.
 *
 * <p>Limitation: it speaks plain HTTP; a client that insists on HTTPS needs a TLS terminator.
 */
public final class LocalKmsEndpoint implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalKmsEndpoint.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGET_PREFIX = "TrentService.";
  private static final Pattern SIGV4 =
      Pattern.compile("AWS4-HMAC-SHA256 Credential=[^/\\s]+/\\d{8}/[^/\\s]+/kms/aws4_request,.*");

  private final LocalKms kms;
  private final HttpServer server;
  private final ExecutorService workers;
  private final SigV4Verifier verifier;

  private LocalKmsEndpoint(Builder builder) throws IOException {
    this.kms = builder.kms;
    this.verifier =
        builder.credentials == null
            ? null
            : SigV4Verifier.builder()
                .region(builder.region)
                .service("kms")
                .credentials(builder.credentials)
                .build();
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    this.server = HttpServer.create(new InetSocketAddress(builder.bindAddress, builder.port), 64);
    this.workers =
        Executors.newFixedThreadPool(
            4,
            task -> {
              Thread thread = new Thread(task, "cks-kms-endpoint");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(workers);
    server.createContext("/", this::handle);
    server.start();
    LOG.info("KMS endpoint serving on {}", url());
  }

  /** Starts building an endpoint over {@code kms}. */
  public static Builder builder(LocalKms kms) {
    return new Builder(kms);
  }

  /** The URL to give a client as its endpoint override, such as {@code http://127.0.0.1:4599}. */
  public URI url() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
  }

  /** Stops serving; the {@link LocalKms} stays open. */
  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String requestId = UUID.randomUUID().toString();
    long start = System.nanoTime();
    String operation = "-";
    int status;
    byte[] answer;
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      try {
        operation = operation(exchange);
        authenticate(exchange, body);
        JsonNode request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        if (request == null || !request.isObject()) {
          throw error("SerializationException", 400, "the request body must be a JSON object");
        }
        answer = JSON.writeValueAsBytes(dispatch(operation, request));
        status = 200;
      } catch (CksException e) {
        status = e.httpStatus() == 0 ? 500 : e.httpStatus();
        answer = errorBody(e.errorName(), e.getMessage());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        status = 400;
        answer = errorBody("SerializationException", "the request body is not valid JSON");
      } catch (RuntimeException e) {
        LOG.warn("request {} ({}) failed inside LocalKms", requestId, operation, e);
        status = 500;
        answer = errorBody("KMSInternalException", "LocalKms failed; see its log");
      }
      exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
      exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
      exchange.sendResponseHeaders(status, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
    LOG.debug(
        "requestId={} operation={} status={} micros={}",
        requestId,
        operation,
        status,
        (System.nanoTime() - start) / 1000);
  }

  private static String operation(HttpExchange exchange) {
    if (!"POST".equals(exchange.getRequestMethod())
        || !"/".equals(exchange.getRequestURI().getPath())) {
      throw error("UnknownOperationException", 404, "KMS serves POST / only");
    }
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (target == null || !target.startsWith(TARGET_PREFIX)) {
      throw error(
          "UnknownOperationException", 400, "X-Amz-Target must be TrentService.<Operation>");
    }
    return target.substring(TARGET_PREFIX.length());
  }

  private void authenticate(HttpExchange exchange, byte[] body) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null) {
      throw error("MissingAuthenticationTokenException", 400, "the request is not signed");
    }
    if (!SIGV4.matcher(authorization).matches()) {
      throw error(
          "IncompleteSignatureException",
          400,
          "Authorization must be a SigV4 signature for service kms");
    }
    if (verifier == null) {
      return;
    }
    VerificationResult result =
        verifier.verify(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            exchange.getRequestURI().getRawQuery(),
            exchange.getRequestHeaders()::get,
            body);
    if (!result.accepted()) {
      throw error(
          "InvalidSignatureException",
          400,
          "The request signature we calculated does not match the signature you provided ("
              + result.outcome()
              + ")");
    }
  }

  private JsonNode dispatch(String operation, JsonNode request) {
    return switch (operation) {
      case "CreateCustomKeyStore" ->
          object("CustomKeyStoreId", kms.createCustomKeyStore(KmsJson.fromCreateRequest(request)));
      case "ConnectCustomKeyStore" -> {
        kms.connectCustomKeyStore(text(request, "CustomKeyStoreId"));
        yield JSON.createObjectNode();
      }
      case "DisconnectCustomKeyStore" -> {
        kms.disconnectCustomKeyStore(text(request, "CustomKeyStoreId"));
        yield JSON.createObjectNode();
      }
      case "DeleteCustomKeyStore" -> {
        kms.deleteCustomKeyStore(text(request, "CustomKeyStoreId"));
        yield JSON.createObjectNode();
      }
      case "UpdateCustomKeyStore" -> {
        String id = text(request, "CustomKeyStoreId");
        CustomKeyStoreDescription store =
            kms.describeCustomKeyStores(DescribeRequest.byId(id)).stores().get(0);
        kms.updateCustomKeyStore(KmsJson.fromUpdateRequest(request, store.customKeyStoreType()));
        yield JSON.createObjectNode();
      }
      case "DescribeCustomKeyStores" -> describe(request);
      case "CreateKey" -> createKey(request);
      case "DescribeKey" -> keyMetadata(kms.describeKey(text(request, "KeyId")));
      case "ScheduleKeyDeletion" -> scheduleDeletion(request);
      case "Encrypt" -> encrypt(request);
      case "Decrypt" -> decrypt(request);
      case "GenerateDataKey" -> generateDataKey(request);
      default ->
          throw error("UnknownOperationException", 400, "LocalKms does not serve " + operation);
    };
  }

  private JsonNode describe(JsonNode request) {
    DescribeRequest describe =
        new DescribeRequest(
            optionalText(request, "CustomKeyStoreId"),
            optionalText(request, "CustomKeyStoreName"),
            request.has("Limit") ? Optional.of(request.get("Limit").asInt()) : Optional.empty(),
            optionalText(request, "Marker"));
    DescribePage page = kms.describeCustomKeyStores(describe);
    ObjectNode answer = JSON.createObjectNode();
    page.stores()
        .forEach(store -> answer.withArray("CustomKeyStores").add(KmsJson.toListEntry(store)));
    if (page.stores().isEmpty()) {
      answer.putArray("CustomKeyStores");
    }
    page.nextMarker().ifPresent(marker -> answer.put("NextMarker", marker));
    answer.put("Truncated", page.truncated());
    return answer;
  }

  private JsonNode createKey(JsonNode request) {
    String origin = optionalText(request, "Origin").orElse("AWS_KMS");
    String store =
        optionalText(request, "CustomKeyStoreId")
            .orElseThrow(
                () ->
                    error(
                        "UnsupportedOperationException",
                        400,
                        "LocalKms makes keys in custom key stores only; give CustomKeyStoreId"));
    KmsKey key =
        kms.createKey(
            new CreateKeyRequest(
                origin,
                store,
                optionalText(request, "XksKeyId"),
                optionalText(request, "Description").orElse("")));
    return keyMetadata(key);
  }

  private JsonNode scheduleDeletion(JsonNode request) {
    int days = request.has("PendingWindowInDays") ? request.get("PendingWindowInDays").asInt() : 30;
    KmsKey key = kms.scheduleKeyDeletion(text(request, "KeyId"), days);
    ObjectNode answer = JSON.createObjectNode();
    answer.put("KeyId", key.arn());
    answer.put("DeletionDate", epochSeconds(key.deletionDate().orElseThrow()));
    answer.put("KeyState", key.keyState());
    answer.put("PendingWindowInDays", days);
    return answer;
  }

  private JsonNode encrypt(JsonNode request) {
    String keyId = text(request, "KeyId");
    byte[] blob = kms.encrypt(keyId, bytes(request, "Plaintext"), context(request));
    ObjectNode answer = JSON.createObjectNode();
    answer.put("CiphertextBlob", Base64.getEncoder().encodeToString(blob));
    answer.put("KeyId", kms.describeKey(keyId).arn());
    answer.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
    return answer;
  }

  private JsonNode decrypt(JsonNode request) {
    Decrypted decrypted =
        kms.decrypt(
            bytes(request, "CiphertextBlob"), context(request), optionalText(request, "KeyId"));
    ObjectNode answer = JSON.createObjectNode();
    answer.put("KeyId", decrypted.keyId());
    answer.put(
        "Plaintext", Base64.getEncoder().encodeToString(decrypted.plaintext().revealBytes()));
    answer.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
    return answer;
  }

  private JsonNode generateDataKey(JsonNode request) {
    int size;
    if (request.has("NumberOfBytes")) {
      size = request.get("NumberOfBytes").asInt();
    } else {
      String spec = optionalText(request, "KeySpec").orElse("AES_256");
      size =
          switch (spec) {
            case "AES_256" -> 32;
            case "AES_128" -> 16;
            default ->
                throw new ValidationException(
                    List.of(Violation.of("KeySpec", "must be AES_256 or AES_128", spec)));
          };
    }
    DataKey key = kms.generateDataKey(text(request, "KeyId"), size, context(request));
    ObjectNode answer = JSON.createObjectNode();
    answer.put("CiphertextBlob", Base64.getEncoder().encodeToString(key.ciphertextBlob()));
    answer.put("Plaintext", Base64.getEncoder().encodeToString(key.plaintext().revealBytes()));
    answer.put("KeyId", key.keyId());
    return answer;
  }

  private static JsonNode keyMetadata(KmsKey key) {
    ObjectNode metadata = JSON.createObjectNode();
    metadata.put("AWSAccountId", key.arn().split(":")[4]);
    metadata.put("KeyId", key.keyId());
    metadata.put("Arn", key.arn());
    metadata.put("CreationDate", epochSeconds(key.creationDate()));
    metadata.put("Enabled", key.keyState().equals("Enabled"));
    metadata.put("Description", key.description());
    metadata.put("KeyUsage", key.keyUsage());
    metadata.put("KeyState", key.keyState());
    key.deletionDate().ifPresent(date -> metadata.put("DeletionDate", epochSeconds(date)));
    metadata.put("Origin", key.origin());
    metadata.put("CustomKeyStoreId", key.customKeyStoreId());
    key.cloudHsmClusterId().ifPresent(id -> metadata.put("CloudHsmClusterId", id));
    metadata.put("KeyManager", "CUSTOMER");
    metadata.put("CustomerMasterKeySpec", key.keySpec());
    metadata.put("KeySpec", key.keySpec());
    metadata.putArray("EncryptionAlgorithms").add("SYMMETRIC_DEFAULT");
    metadata.put("MultiRegion", false);
    key.xksKeyId().ifPresent(id -> metadata.putObject("XksKeyConfiguration").put("Id", id));
    return object("KeyMetadata", metadata);
  }

  private static double epochSeconds(Instant instant) {
    return instant.getEpochSecond() + instant.getNano() / 1e9;
  }

  private static ObjectNode object(String name, String value) {
    ObjectNode node = JSON.createObjectNode();
    node.put(name, value);
    return node;
  }

  private static ObjectNode object(String name, JsonNode value) {
    ObjectNode node = JSON.createObjectNode();
    node.set(name, value);
    return node;
  }

  private static String text(JsonNode request, String member) {
    return optionalText(request, member)
        .orElseThrow(
            () ->
                new ValidationException(
                    List.of(Violation.described(member, "is required", "missing"))));
  }

  private static Optional<String> optionalText(JsonNode request, String member) {
    JsonNode value = request.get(member);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new ValidationException(
          List.of(Violation.described(member, "must be a string", value.getNodeType().toString())));
    }
    return Optional.of(value.textValue());
  }

  private static byte[] bytes(JsonNode request, String member) {
    try {
      return Base64.getDecoder().decode(text(request, member));
    } catch (IllegalArgumentException e) {
      throw new ValidationException(
          List.of(Violation.described(member, "must be base64", "not base64")));
    }
  }

  private static Map<String, String> context(JsonNode request) {
    Map<String, String> context = new TreeMap<>();
    JsonNode node = request.get("EncryptionContext");
    if (node != null && node.isObject()) {
      node.properties().forEach(field -> context.put(field.getKey(), field.getValue().asText()));
    }
    return context;
  }

  private static byte[] errorBody(String errorName, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("__type", errorName);
    body.put("message", message == null ? "" : message);
    try {
      return JSON.writeValueAsBytes(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return ("{\"__type\":\"" + errorName + "\"}").getBytes(StandardCharsets.UTF_8);
    }
  }

  private static CksException error(String errorName, int status, String message) {
    return new CksException(errorName, status, null, message, null);
  }

  /** Builds a {@link LocalKmsEndpoint}. */
  public static final class Builder {
    private final LocalKms kms;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port;
    private CredentialLookup credentials;
    private String region = "us-east-1";

    private Builder(LocalKms kms) {
      this.kms = Objects.requireNonNull(kms, "kms");
    }

    /** The address to listen on; loopback by default. */
    public Builder bindAddress(InetAddress address) {
      this.bindAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The port; 0, the default, picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Verifies every request's SigV4 signature against these credentials, for service {@code kms}
     * in {@code region}, instead of accepting any well-formed signature.
     */
    public Builder credentials(String region, CredentialLookup credentials) {
      this.region = Objects.requireNonNull(region, "region");
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /**
     * Starts serving.
     *
     * @throws java.io.UncheckedIOException if the port cannot be bound
     */
    public LocalKmsEndpoint start() {
      try {
        return new LocalKmsEndpoint(this);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot listen on port " + port, e);
      }
    }
  }
}
