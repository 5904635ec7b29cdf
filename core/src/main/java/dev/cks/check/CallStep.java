package dev.cks.check;

import dev.cks.Constraints;
import dev.cks.Violation;
import dev.cks.XksProxyCredential;
import dev.cks.xks.XksDecryptRequest;
import dev.cks.xks.XksEncryptRequest;
import dev.cks.xks.XksEncryptResponse;
import dev.cks.xks.XksHealthStatus;
import dev.cks.xks.XksKeyMetadata;
import dev.cks.xks.XksProxyAccessDeniedException;
import dev.cks.xks.XksProxyAuthenticationFailedException;
import dev.cks.xks.XksProxyClient;
import dev.cks.xks.XksProxyException;
import dev.cks.xks.XksProxyInvalidAnswerException;
import dev.cks.xks.XksProxyInvalidUriPathException;
import dev.cks.xks.XksProxyKeyNotFoundException;
import dev.cks.xks.XksProxyUnreachableException;
import dev.cks.xks.XksRequestMetadata;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The checks that call the proxy, signed as KMS signs: {@code URI path}, {@code credential} and
 * {@code health} from GetHealthStatus; {@code key metadata}, {@code encrypt} and {@code decrypt}
 * with a key id; and {@code latency} over every answered call.
 */
final class CallStep {

  /** The principal and key the key operations name, as KMS names its caller and KMS key. */
  static final String PRINCIPAL = "arn:aws:iam::111122223333:role/cks-proxy-check";

  private static final String KEY_SUFFIX = ":111122223333:key/8e6a1d6c-5b5f-4f2e-9c57-0c1b6b4c9a10";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int DATA_BYTES = 32;

  private static final List<String> BEFORE_CALLS =
      List.of(
          ProxyCheck.ENDPOINT_FORMAT,
          ProxyCheck.PATH_FORMAT,
          ProxyCheck.CREDENTIAL_FORMAT,
          ProxyCheck.DNS,
          ProxyCheck.TCP,
          ProxyCheck.HANDSHAKE,
          ProxyCheck.CIPHER_SUITE,
          ProxyCheck.CHAIN,
          ProxyCheck.HOSTNAME,
          ProxyCheck.EXPIRY);
  private static final List<String> BEFORE_KEYS =
      with(BEFORE_CALLS, ProxyCheck.URI_PATH, ProxyCheck.CREDENTIAL, ProxyCheck.HEALTH);
  private static final List<String> BEFORE_ENCRYPT = with(BEFORE_KEYS, ProxyCheck.KEY_METADATA);
  private static final List<String> BEFORE_DECRYPT = with(BEFORE_ENCRYPT, ProxyCheck.ENCRYPT);

  private final ProxyCheck check;
  private final Checks checks;
  private final List<Timing> timings = new ArrayList<>();

  CallStep(ProxyCheck check, Checks checks) {
    this.check = check;
    this.checks = checks;
  }

  void run(InetSocketAddress target) {
    String blocked = checks.reason(BEFORE_CALLS);
    if (blocked != null) {
      for (String name :
          List.of(
              ProxyCheck.URI_PATH,
              ProxyCheck.CREDENTIAL,
              ProxyCheck.HEALTH,
              ProxyCheck.KEY_METADATA,
              ProxyCheck.ENCRYPT,
              ProxyCheck.DECRYPT,
              ProxyCheck.LATENCY)) {
        checks.skipped(name, blocked);
      }
      return;
    }
    try (XksProxyClient client = client(target)) {
      health(client, target);
      keys(client);
    }
    latency();
  }

  private XksProxyClient client(InetSocketAddress target) {
    XksProxyClient.Builder builder =
        XksProxyClient.builder()
            .endpoint(check.endpoint())
            .uriPath(check.uriPath())
            .credential(XksProxyCredential.of(check.accessKeyId(), check.rawSecret()))
            .region(check.region())
            .resolve(check.host(), target)
            .callTimeout(check.timeout());
    check.trustPems().forEach(builder::trustPem);
    return builder.build();
  }

  private void health(XksProxyClient client, InetSocketAddress target) {
    XksHealthStatus status;
    try {
      status = client.health(XksRequestMetadata.forHealthCheck("CreateCustomKeyStore"));
    } catch (XksProxyException e) {
      healthFailure(e);
      return;
    }
    checks.passed(ProxyCheck.URI_PATH, "the proxy serves a key store at " + check.uriPath() + ".");
    checks.passed(
        ProxyCheck.CREDENTIAL,
        "the proxy accepted GetHealthStatus signed with access key id "
            + check.accessKeyId()
            + " for "
            + check.region()
            + ".");
    healthStatus(status);
    timeHealthOnNewConnection(target);
  }

  private void healthStatus(XksHealthStatus status) {
    String members =
        status.ekmFleetDetails().stream()
            .map(m -> Texts.printable(m.id()) + " " + Texts.printable(m.healthStatus()))
            .collect(Collectors.joining(", "));
    if (!status.anyActive()) {
      checks.failed(
          ProxyCheck.HEALTH,
          "no key manager is ACTIVE ("
              + members
              + "); KMS reports XKS_PROXY_NOT_REACHABLE until one is.");
      return;
    }
    int size = status.xksProxyFleetSize();
    checks.passed(
        ProxyCheck.HEALTH,
        size
            + (size == 1 ? " proxy" : " proxies")
            + " ("
            + Texts.printable(status.xksProxyModel())
            + "); key manager "
            + Texts.printable(status.ekmVendor())
            + ": "
            + members
            + ".");
  }

  /**
   * Times GetHealthStatus on a new connection, so that TCP and TLS set-up count as in KMS's
   * timeout; the faster of two such calls counts, since the first may still pay for this JVM's
   * warming up.
   */
  private void timeHealthOnNewConnection(InetSocketAddress target) {
    long best = -1;
    for (int i = 0; i < 2; i++) {
      try (XksProxyClient fresh = client(target)) {
        long start = System.nanoTime();
        fresh.health(XksRequestMetadata.forHealthCheck("CreateCustomKeyStore"));
        long took = System.nanoTime() - start;
        best = best < 0 ? took : Math.min(best, took);
      } catch (XksProxyException e) {
        // Unanswered now, though answered before: the other call, if any, counts.
      }
    }
    timings.add(new Timing("GetHealthStatus", best, best < 0 ? "" : " on a new connection"));
  }

  private void healthFailure(XksProxyException e) {
    int status = e.httpStatus();
    if (e instanceof XksProxyInvalidUriPathException
        || (e instanceof XksProxyInvalidAnswerException && status == 404)) {
      checks.failed(
          ProxyCheck.URI_PATH,
          "the proxy serves no key store at "
              + check.uriPath()
              + " ("
              + answer(e)
              + "); KMS reports XKS_PROXY_INVALID_CONFIGURATION.");
      skipAfterPath();
      return;
    }
    if (e instanceof XksProxyAuthenticationFailedException
        || e instanceof XksProxyAccessDeniedException
        || (e instanceof XksProxyInvalidAnswerException && (status == 401 || status == 403))) {
      checks.passed(
          ProxyCheck.URI_PATH, "the proxy serves a key store at " + check.uriPath() + ".");
      checks.failed(ProxyCheck.CREDENTIAL, credentialRefused(e));
      checks.skipUnlessPassed(ProxyCheck.HEALTH, ProxyCheck.CREDENTIAL);
      return;
    }
    boolean answered = e.httpStatus() != 0 && !(e instanceof XksProxyUnreachableException);
    String notKnown = "not known, because GetHealthStatus got no usable answer (see health).";
    if (answered) {
      checks.passed(
          ProxyCheck.URI_PATH, "the proxy serves a key store at " + check.uriPath() + ".");
      checks.passed(
          ProxyCheck.CREDENTIAL,
          "the proxy raised no authentication error for access key id "
              + check.accessKeyId()
              + ".");
    } else {
      checks.skipped(ProxyCheck.URI_PATH, notKnown);
      checks.skipped(ProxyCheck.CREDENTIAL, notKnown);
    }
    checks.failed(ProxyCheck.HEALTH, healthCallFailure(e));
  }

  private String credentialRefused(XksProxyException e) {
    if (e instanceof XksProxyAccessDeniedException || e.httpStatus() == 403) {
      return "the proxy denied GetHealthStatus ("
          + answer(e)
          + "): it knows the credential but its rules refuse it; KMS reports"
          + " XKS_PROXY_ACCESS_DENIED.";
    }
    return "the proxy rejected the signature ("
        + answer(e)
        + "): it knows no access key id "
        + check.accessKeyId()
        + " at "
        + check.uriPath()
        + ", or holds another secret for it, or expects a Region other than "
        + check.region()
        + "; KMS reports INVALID_CREDENTIALS.";
  }

  private String healthCallFailure(XksProxyException e) {
    if (e instanceof XksProxyUnreachableException) {
      return unreachable("GetHealthStatus", (XksProxyUnreachableException) e)
          + (((XksProxyUnreachableException) e).timedOut()
              ? "; KMS reports XKS_PROXY_TIMED_OUT."
              : "; KMS reports XKS_PROXY_NOT_REACHABLE.");
    }
    if (e instanceof XksProxyInvalidAnswerException) {
      return e.getMessage() + "; KMS reports XKS_PROXY_INVALID_RESPONSE.";
    }
    return e.getMessage() + "; KMS cannot create or connect the store while it answers so.";
  }

  private void skipAfterPath() {
    checks.skipUnlessPassed(ProxyCheck.CREDENTIAL, ProxyCheck.URI_PATH);
    checks.skipUnlessPassed(ProxyCheck.HEALTH, ProxyCheck.URI_PATH);
  }

  private void keys(XksProxyClient client) {
    if (check.keyId() == null) {
      checks.skipped(
          ProxyCheck.KEY_METADATA,
          "not checked, because no key id was given; a key id enables this check and an encrypt"
              + " and decrypt round trip.");
      checks.skipped(ProxyCheck.ENCRYPT, "not checked, because no key id was given.");
      checks.skipped(ProxyCheck.DECRYPT, "not checked, because no key id was given.");
      return;
    }
    if (!checks.skipUnlessPassed(ProxyCheck.KEY_METADATA, BEFORE_KEYS)) {
      keyMetadata(client);
    }
    XksEncryptResponse encrypted = null;
    byte[] plaintext = random();
    byte[] aad = random();
    if (!checks.skipUnlessPassed(ProxyCheck.ENCRYPT, BEFORE_ENCRYPT)) {
      encrypted = encrypt(client, plaintext, aad);
    }
    if (!checks.skipUnlessPassed(ProxyCheck.DECRYPT, BEFORE_DECRYPT)) {
      decrypt(client, encrypted, plaintext, aad);
    }
  }

  private void keyMetadata(XksProxyClient client) {
    String keyId = check.keyId();
    List<Violation> bad = Constraints.xksKeyId("XksKeyId", keyId);
    if (!bad.isEmpty()) {
      checks.failed(
          ProxyCheck.KEY_METADATA,
          bad.stream().map(Violation::message).collect(Collectors.joining("; ")) + ".");
      return;
    }
    XksKeyMetadata metadata;
    try {
      metadata = timed("GetKeyMetadata", () -> client.keyMetadata(keyId, metadata("CreateKey")));
    } catch (XksProxyKeyNotFoundException e) {
      checks.failed(
          ProxyCheck.KEY_METADATA,
          "the proxy has no key "
              + keyId
              + " at "
              + check.uriPath()
              + " ("
              + answer(e)
              + "); KMS refuses CreateKey with XksKeyNotFoundException.");
      return;
    } catch (XksProxyException e) {
      checks.failed(ProxyCheck.KEY_METADATA, keyCallFailure("GetKeyMetadata", e));
      return;
    }
    List<String> problems = problems(metadata);
    String usage = Texts.printable(metadata.keyUsage().toString());
    if (problems.isEmpty()) {
      checks.passed(
          ProxyCheck.KEY_METADATA, keyId + " is AES_256 with keyUsage " + usage + ", and ENABLED.");
    } else {
      checks.failed(
          ProxyCheck.KEY_METADATA,
          keyId
              + " does not suit KMS: "
              + String.join("; ", problems)
              + "; KMS refuses it in CreateKey with XksKeyInvalidConfigurationException.");
    }
  }

  private static List<String> problems(XksKeyMetadata metadata) {
    List<String> problems = new ArrayList<>();
    if (!"AES_256".equals(metadata.keySpec())) {
      problems.add("keySpec is " + Texts.printable(metadata.keySpec()) + ", not AES_256");
    }
    List<String> lacking = new ArrayList<>();
    for (String needed : List.of("ENCRYPT", "DECRYPT")) {
      if (!metadata.keyUsage().contains(needed)) {
        lacking.add(needed);
      }
    }
    if (!lacking.isEmpty()) {
      problems.add(
          "keyUsage "
              + Texts.printable(metadata.keyUsage().toString())
              + " lacks "
              + String.join(" and ", lacking));
    }
    if (!"ENABLED".equals(metadata.keyStatus())) {
      problems.add("keyStatus is " + Texts.printable(metadata.keyStatus()) + ", not ENABLED");
    }
    return problems;
  }

  private XksEncryptResponse encrypt(XksProxyClient client, byte[] plaintext, byte[] aad) {
    XksEncryptRequest request =
        XksEncryptRequest.builder(check.keyId(), metadata("Encrypt"))
            .plaintext(plaintext)
            .additionalAuthenticatedData(aad)
            .requestIntegrityValue(true)
            .build();
    try {
      XksEncryptResponse response = timed("Encrypt", () -> client.encrypt(request));
      checks.passed(
          ProxyCheck.ENCRYPT,
          plaintext.length
              + " bytes encrypted under "
              + check.keyId()
              + " with "
              + aad.length
              + " bytes of additional authenticated data; the ciphertext data integrity value"
              + " verifies.");
      return response;
    } catch (XksProxyException e) {
      checks.failed(ProxyCheck.ENCRYPT, keyCallFailure("Encrypt", e));
      return null;
    }
  }

  private void decrypt(
      XksProxyClient client, XksEncryptResponse encrypted, byte[] plaintext, byte[] aad) {
    XksDecryptRequest request =
        XksDecryptRequest.builder(check.keyId(), metadata("Decrypt"))
            .encrypted(encrypted)
            .additionalAuthenticatedData(aad)
            .build();
    byte[] decrypted;
    try {
      decrypted = timed("Decrypt", () -> client.decrypt(request)).plaintext();
    } catch (XksProxyException e) {
      checks.failed(ProxyCheck.DECRYPT, keyCallFailure("Decrypt", e));
      return;
    }
    if (MessageDigest.isEqual(decrypted, plaintext)) {
      checks.passed(ProxyCheck.DECRYPT, "the " + plaintext.length + " bytes came back unchanged.");
    } else {
      checks.failed(
          ProxyCheck.DECRYPT, "the plaintext that came back differs from the one encrypted.");
    }
  }

  private String keyCallFailure(String operation, XksProxyException e) {
    if (e instanceof XksProxyUnreachableException) {
      return unreachable(operation, (XksProxyUnreachableException) e) + ".";
    }
    if (e instanceof XksProxyAccessDeniedException) {
      return "the proxy denied "
          + operation
          + " on "
          + check.keyId()
          + " to "
          + PRINCIPAL
          + " ("
          + answer(e)
          + "); its authorization rules decide which callers of KMS may use the key.";
    }
    return e.getMessage() + ".";
  }

  private void latency() {
    List<Timing> answered = timings.stream().filter(t -> t.nanos >= 0).toList();
    if (answered.isEmpty()) {
      String why = checks.reason(BEFORE_KEYS);
      checks.skipped(
          ProxyCheck.LATENCY, why != null ? why : "not checked, because no call was answered.");
      return;
    }
    long budget = check.latencyBudget().toNanos();
    String all = answered.stream().map(Timing::toString).collect(Collectors.joining(", "));
    List<String> over =
        answered.stream().filter(t -> t.nanos > budget).map(t -> t.operation).toList();
    String budgetText = Texts.duration(check.latencyBudget());
    if (over.isEmpty()) {
      checks.passed(ProxyCheck.LATENCY, all + "; all within the " + budgetText + " budget.");
    } else {
      checks.failed(
          ProxyCheck.LATENCY,
          all
              + "; over the "
              + budgetText
              + " budget: "
              + String.join(", ", over)
              + ". KMS gives up on a call after 250 ms and reports XKS_PROXY_TIMED_OUT.");
    }
  }

  private <T> T timed(String operation, Supplier<T> call) {
    long start = System.nanoTime();
    T result = call.get();
    timings.add(new Timing(operation, System.nanoTime() - start, ""));
    return result;
  }

  private String unreachable(String operation, XksProxyUnreachableException e) {
    if (e.timedOut()) {
      return operation + " got no answer within " + Texts.duration(check.timeout());
    }
    Throwable cause = e.getCause() == null ? e : e.getCause();
    return operation
        + " could not reach the proxy ("
        + cause.getClass().getSimpleName()
        + ": "
        + Texts.cause(cause)
        + ")";
  }

  private static String answer(XksProxyException e) {
    if (e instanceof XksProxyInvalidAnswerException) {
      return "HTTP " + e.httpStatus() + " with no XKS errorName";
    }
    return e.errorName() + ", HTTP " + e.httpStatus();
  }

  private XksRequestMetadata metadata(String operation) {
    return XksRequestMetadata.builder()
        .kmsOperation(operation)
        .awsPrincipalArn(PRINCIPAL)
        .kmsKeyArn("arn:aws:kms:" + check.region() + KEY_SUFFIX)
        .build();
  }

  private static byte[] random() {
    byte[] bytes = new byte[DATA_BYTES];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static List<String> with(List<String> names, String... more) {
    List<String> all = new ArrayList<>(names);
    all.addAll(List.of(more));
    return List.copyOf(all);
  }

  /** How long one answered call took; a negative time marks a call that got no answer. */
  private static final class Timing {
    private final String operation;
    private final long nanos;
    private final String note;

    Timing(String operation, long nanos, String note) {
      this.operation = operation;
      this.nanos = nanos;
      this.note = note;
    }

    @Override
    public String toString() {
      return operation + " " + Texts.millis(nanos) + note;
    }
  }
}
