package dev.cks.local;

import dev.cks.signer.HeaderSource;
import dev.cks.signer.SigV4Verifier;
import dev.cks.signer.VerificationResult;
import dev.cks.xks.XksErrorName;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the XKS proxy API, whatever carries the HTTP: routes by URI path, verifies the signature,
 * applies the store's quota, runs the operation and logs one line.
 *
 * <p>The transport calls {@link #start} with the request line, and then, once the whole body has
 * arrived, {@link Exchange#finish}; or {@link Exchange#tooLarge} as soon as the body grows past
 * {@link #maxBodyBytes()}. Both return the answer to send and log the request.
 */
final class XksHandler {

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

  /** The largest request body served; a larger one answers UnsupportedOperationException. */
  int maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Starts serving a request from its method and request target (the path with an optional query,
   * or an absolute URI), before its body arrives.
   */
  Exchange start(String method, String target) {
    String path = null;
    boolean query = false;
    if (target.startsWith("/")) {
      int end = 0;
      while (end < target.length() && target.charAt(end) != '?' && target.charAt(end) != '#') {
        end++;
      }
      path = target.substring(0, end);
      query = end < target.length() && target.charAt(end) == '?';
    } else {
      try {
        URI uri = new URI(target);
        path = uri.getRawPath();
        query = uri.getRawQuery() != null;
      } catch (URISyntaxException e) {
        // Not a URI: no route, so the request answers InvalidUriPathException.
      }
    }
    Route route = path == null || query ? null : route(path);
    return new Exchange(path, route, "POST".equals(method));
  }

  /** One request being served: what is known of it, and the line it will log. */
  final class Exchange {
    private final long start = System.nanoTime();
    private final Outcome outcome = new Outcome();
    private final String path;
    private final Route route;
    private final boolean post;

    private Exchange(String path, Route route, boolean post) {
      this.path = path;
      this.route = route;
      this.post = post;
      if (route != null) {
        outcome.operation = route.operation;
        outcome.store = route.entry.store.uriPath();
      }
    }

    /** Whether the body matters: the request goes to an operation and uses POST. */
    boolean wantsBody() {
      return route != null && post;
    }

    /** Serves the request with its whole body; returns the answer and logs the request. */
    Answer finish(HeaderSource headers, byte[] body) {
      try {
        Answer answer = new Answer(200, serve(headers, body));
        outcome.status = 200;
        return answer;
      } catch (XksFailure failure) {
        return fail(failure);
      } catch (MethodNotAllowed e) {
        outcome.status = 405;
        outcome.result = "MethodNotAllowed";
        return Answer.METHOD_NOT_ALLOWED;
      } catch (RuntimeException e) {
        outcome.status = 500;
        outcome.result = XksErrorName.INTERNAL.wireName();
        return new Answer(
            500, Operations.error(XksErrorName.INTERNAL, "the proxy failed to serve the request"));
      } finally {
        log(outcome, System.nanoTime() - start);
      }
    }

    /** Answers a request whose body is larger than the limit; logs the request. */
    Answer tooLarge() {
      try {
        return fail(
            new XksFailure(
                XksErrorName.UNSUPPORTED_OPERATION,
                "the request body is larger than " + maxBodyBytes + " bytes"));
      } finally {
        log(outcome, System.nanoTime() - start);
      }
    }

    private Answer fail(XksFailure failure) {
      outcome.status = failure.errorName().httpStatus();
      outcome.result = failure.errorName().wireName();
      return new Answer(
          outcome.status, Operations.error(failure.errorName(), failure.getMessage()));
    }

    private byte[] serve(HeaderSource headers, byte[] body) {
      if (route == null) {
        throw new XksFailure(
            XksErrorName.INVALID_URI_PATH, "no XKS operation is served at this URI path");
      }
      if (!post) {
        throw new MethodNotAllowed();
      }
      VerificationResult verification =
          route.entry.verifier.verify("POST", path, null, headers, body);
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
  record StoreEntry(ProxyKeyStore store, SigV4Verifier verifier) {}

  /**
   * What to send back: the HTTP status and a JSON body, or no body for 405, which names the allowed
   * method instead.
   */
  record Answer(int status, byte[] body) {
    static final Answer METHOD_NOT_ALLOWED = new Answer(405, null);
  }

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
