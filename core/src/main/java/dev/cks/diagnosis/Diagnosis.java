package dev.cks.diagnosis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cks.CksException;
import dev.cks.ConnectionErrorCode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a custom key store problem means and how to fix it: the category of its cause, whether
 * trying again can help, and the steps that fix it, as data and as text.
 *
 * <p>A diagnosis exists for every {@link ConnectionErrorCode} (the reason a store is {@code
 * FAILED}) and for every KMS error name that starts with {@code XksProxy} or {@code CloudHsm}, plus
 * {@code IncorrectTrustAnchorException}.
 *
 * <pre>{@code
 * Diagnosis d = Diagnosis.of(ConnectionErrorCode.XKS_PROXY_TIMED_OUT);
 * System.out.println(d.toText());
 * }</pre>
 *
 * <p>A store in the {@code FAILED} state must be disconnected before KMS will connect it again, so
 * every diagnosis of a connection error code has {@link #disconnectFirst()} set and starts its
 * steps with the disconnect.
 */
public final class Diagnosis {

  private static final JsonFactory JSON = new JsonFactory();

  private static final String DISCONNECT =
      "Disconnect the key store (DisconnectCustomKeyStore): KMS connects a FAILED store only after"
          + " it has been disconnected.";
  private static final String RECONNECT =
      "Connect the key store again (ConnectCustomKeyStore) and wait for CONNECTED.";

  private final String problem;
  private final Category category;
  private final boolean retryCanHelp;
  private final boolean disconnectFirst;
  private final String cause;
  private final List<String> steps;

  private Diagnosis(
      String problem,
      Category category,
      boolean retryCanHelp,
      boolean disconnectFirst,
      String cause,
      List<String> steps) {
    this.problem = problem;
    this.category = category;
    this.retryCanHelp = retryCanHelp;
    this.disconnectFirst = disconnectFirst;
    this.cause = cause;
    this.steps = List.copyOf(steps);
  }

  /**
   * The diagnosis of the reason a store is {@code FAILED}.
   *
   * @throws NullPointerException if {@code code} is null
   */
  public static Diagnosis of(ConnectionErrorCode code) {
    Objects.requireNonNull(code, "code");
    return ofConnectionErrorCode(code.toString());
  }

  /**
   * The diagnosis of a connection error code given as KMS spells it. A code this version does not
   * know gets a diagnosis of category {@link Category#UNKNOWN} that keeps the code.
   *
   * @throws NullPointerException if {@code code} is null
   */
  public static Diagnosis ofConnectionErrorCode(String code) {
    Objects.requireNonNull(code, "code");
    Diagnosis known = ConnectionErrorCodes.diagnose(code);
    if (known != null) {
      return known;
    }
    return forFailedStore(
        code,
        Category.UNKNOWN,
        false,
        "KMS reported a connection error code that this version of cks does not know.",
        List.of("Look the code up in the AWS KMS documentation of ConnectionErrorCode."));
  }

  /**
   * The diagnosis of a KMS error name such as {@code XksProxyUriUnreachableException}, when there
   * is one. Only the errors about reaching or configuring a key store's backing service have one.
   *
   * @throws NullPointerException if {@code errorName} is null
   */
  public static Optional<Diagnosis> ofErrorName(String errorName) {
    Objects.requireNonNull(errorName, "errorName");
    return Optional.ofNullable(ErrorNames.diagnose(errorName));
  }

  /**
   * The diagnosis of an exception cks threw, by its error name, when there is one.
   *
   * @throws NullPointerException if {@code exception} is null
   */
  public static Optional<Diagnosis> of(CksException exception) {
    Objects.requireNonNull(exception, "exception");
    return ofErrorName(exception.errorName());
  }

  static Diagnosis forFailedStore(
      String code, Category category, boolean retryCanHelp, String cause, List<String> fixes) {
    List<String> steps = new ArrayList<>(fixes.size() + 2);
    steps.add(DISCONNECT);
    steps.addAll(fixes);
    steps.add(RECONNECT);
    return new Diagnosis(code, category, retryCanHelp, true, cause, steps);
  }

  static Diagnosis forError(
      String errorName, Category category, boolean retryCanHelp, String cause, List<String> steps) {
    return new Diagnosis(errorName, category, retryCanHelp, false, cause, steps);
  }

  /** The connection error code or error name this diagnosis explains. */
  public String problem() {
    return problem;
  }

  /** Where the cause lies. */
  public Category category() {
    return category;
  }

  /** Whether trying the same thing again, unchanged, can succeed. */
  public boolean retryCanHelp() {
    return retryCanHelp;
  }

  /** Whether the key store must be disconnected before the fix can be applied. */
  public boolean disconnectFirst() {
    return disconnectFirst;
  }

  /** One sentence saying what went wrong. */
  public String cause() {
    return cause;
  }

  /** The steps that fix the problem, in order. */
  public List<String> steps() {
    return steps;
  }

  /**
   * The diagnosis as text for a person: the problem with its category and whether a retry helps,
   * the cause, then the numbered steps.
   */
  public String toText() {
    StringBuilder text = new StringBuilder();
    text.append(problem)
        .append(" (")
        .append(category.name().toLowerCase(java.util.Locale.ROOT))
        .append(retryCanHelp ? ", a retry may help" : ", a retry alone will not help")
        .append(")\n")
        .append(cause)
        .append('\n');
    for (int i = 0; i < steps.size(); i++) {
      text.append("  ").append(i + 1).append(". ").append(steps.get(i)).append('\n');
    }
    return text.toString();
  }

  /**
   * The diagnosis as one line of JSON: {@code problem}, {@code category}, {@code retryCanHelp},
   * {@code disconnectFirst}, {@code cause} and {@code steps}.
   */
  public String toJson() {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("problem", problem);
      json.writeStringField("category", category.name());
      json.writeBooleanField("retryCanHelp", retryCanHelp);
      json.writeBooleanField("disconnectFirst", disconnectFirst);
      json.writeStringField("cause", cause);
      json.writeArrayFieldStart("steps");
      for (String step : steps) {
        json.writeString(step);
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a diagnosis as JSON", e);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "Diagnosis[" + problem + ", " + category + "]";
  }
}
