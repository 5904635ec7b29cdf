package dev.cks.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.cks.signer.VerificationResult;
import dev.cks.xks.XksErrorName;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the XKS proxy API: routes by URI path, verifies the signature, applies the store's quota,
 * runs the operation and logs one line.
 */
final class XksHandler implements HttpHandler {

  /** The logger of the per-request lines. */
  static final Logger REQUESTS = LoggerFactory.getLogger("dev.cks.local.requests");

  private static final Pattern KEY_ROUTE =
      Pattern.compile("(.*)/keys/([^/]*)/(metadata|encrypt|decrypt)");
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private final Map<String, StoreEntry> stores;
  private final Operations operations;
  private final int maxBodyBytes;

  XksHandler(Map<String, StoreEntry> stores, Operations operations, int maxBodyBytes) {
    this.stores = stores;
    this.operations = operations;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    Outcome outcome = new Outcome();
    try {
      byte[] answer = serve(exchange, outcome);
      respond(exchange, 200, answer);
      outcome.status = 200;
    } catch (XksFailure failure) {
      outcome.status = failure.errorName().httpStatus();
      outcome.result = failure.errorName().wireName();
      respond(
          exchange, outcome.status, Operations.error(failure.errorName(), failure.getMessage()));
    } catch (MethodNotAllowed e) {
      outcome.status = 405;
      outcome.result = "MethodNotAllowed";
      exchange.getResponseHeaders().set("Allow", "POST");
      exchange.sendResponseHeaders(405, -1);
    } catch (RuntimeException e) {
      outcome.status = 500;
      outcome.result = XksErrorName.INTERNAL.wireName();
      respond(
          exchange,
          500,
          Operations.error(XksErrorName.INTERNAL, "the proxy failed to serve the request"));
    } finally {
      exchange.close();
      log(outcome, System.nanoTime() - start);
    }
  }

  private byte[] serve(HttpExchange exchange, Outcome outcome) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    Route route = query == null ? route(path) : null;
    if (route == null) {
      throw new XksFailure(
          XksErrorName.INVALID_URI_PATH, "no XKS operation is served at this URI path");
    }
    outcome.operation = route.operation;
    outcome.store = route.entry.store.uriPath();
    if (!"POST".equals(exchange.getRequestMethod())) {
      throw new MethodNotAllowed();
    }

    byte[] body = readBody(exchange);
    VerificationResult verification =
        route.entry.verifier.verify("POST", path, null, exchange.getRequestHeaders()::get, body);
    if (!verification.accepted()) {
      throw new XksFailure(
          XksErrorName.AUTHENTICATION_FAILED, "the request signature did not verify");
    }
    if (!route.entry.store.tryAcquire()) {
      throw new XksFailure(XksErrorName.THROTTLING, "the key store's request quota is used up");
    }

    RequestBody request = RequestBody.parse(body);
    outcome.requestId = request.kmsRequestIdOrNull();
    outcome.kmsOperation = request.kmsOperationOrNull();
    if (route.keyId != null && !KEY_ID.matcher(route.keyId).matches()) {
      throw XksFailure.validation(
          "externalKeyId must be 1 to 128 characters of A-Z, a-z, 0-9, -, . and _");
    }
    outcome.keyId = route.keyId;
    ProxyKeyStore store = route.entry.store;
    switch (route.operation) {
      case "GetHealthStatus":
        return operations.health(store, request);
      case "GetKeyMetadata":
        return operations.keyMetadata(store, route.keyId, request);
      case "Encrypt":
        return operations.encrypt(store, route.keyId, request);
      default:
        return operations.decrypt(store, route.keyId, request);
    }
  }

  private Route route(String path) {
    if (path.endsWith("/health")) {
      StoreEntry entry = stores.get(path.substring(0, path.length() - "/health".length()));
      return entry == null ? null : new Route(entry, "GetHealthStatus", null);
    }
    Matcher matcher = KEY_ROUTE.matcher(path);
    if (!matcher.matches()) {
      return null;
    }
    StoreEntry entry = stores.get(matcher.group(1));
    if (entry == null) {
      return null;
    }
    String operation;
    switch (matcher.group(3)) {
      case "metadata":
        operation = "GetKeyMetadata";
        break;
      case "encrypt":
        operation = "Encrypt";
        break;
      default:
        operation = "Decrypt";
    }
    return new Route(entry, operation, matcher.group(2));
  }

  private byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(maxBodyBytes + 1);
      if (body.length > maxBodyBytes) {
        throw new XksFailure(
            XksErrorName.UNSUPPORTED_OPERATION,
            "the request body is larger than " + maxBodyBytes + " bytes");
      }
      return body;
    }
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void log(Outcome outcome, long nanos) {
    if (REQUESTS.isDebugEnabled()) {
      REQUESTS.debug(
          "kmsRequestId={} operation={} kmsOperation={} store={} keyId={} outcome={} status={}"
              + " latencyMicros={}",
          loggable(outcome.requestId),
          outcome.operation,
          loggable(outcome.kmsOperation),
          outcome.store,
          outcome.keyId == null ? "-" : outcome.keyId,
          outcome.result,
          outcome.status,
          nanos / 1000);
    }
  }

  /**
   * Untrusted text as it may appear in a log line: at most 128 printable ASCII characters, with
   * spaces and anything else replaced, so that a request cannot forge log lines.
   */
  static String loggable(String text) {
    if (text == null || text.isEmpty()) {
      return "-";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), 128));
    for (int i = 0; i < text.length() && i < 128; i++) {
      char c = text.charAt(i);
      out.append(c > 0x20 && c < 0x7f ? c : '_');
    }
    return out.toString();
  }

  /** A logical store as the handler serves it: the store and its signature verifier. */
  record StoreEntry(ProxyKeyStore store, dev.cks.signer.SigV4Verifier verifier) {}

  private record Route(StoreEntry entry, String operation, String keyId) {}

  /** What the log line of one request says. */
  private static final class Outcome {
    String requestId;
    String operation = "-";
    String kmsOperation;
    String store = "-";
    String keyId;
    String result = "OK";
    int status;
  }

  /** The request used another method than POST. */
  private static final class MethodNotAllowed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MethodNotAllowed() {
      super(null, null, false, false);
    }
  }
}
