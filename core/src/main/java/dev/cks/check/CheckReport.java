package dev.cks.check;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * The result of a pre-flight check: an ordered list of {@link Check}s under a title.
 *
 * <p>A report has {@link #passed() passed} when none of its checks failed; a skipped check does not
 * fail a report by itself. {@link #render()} gives the report as text for a person:
 *
 * <pre>{@code
 * CloudHSM pre-flight for cluster-1a23b4cdefg
 *   PASSED   cluster found: a token labelled cluster-1a23b4cdefg answers.
 *   FAILED   trust anchor: the cluster certificate does not chain to the given certificate.
 *   SKIPPED  crypto user login: not tried, because the password is too short.
 * FAILED: 1 of 3 checks failed, 1 skipped.
 * }</pre>
 *
 * <p>Instances are immutable.
 */
public final class CheckReport {

  private static final JsonFactory JSON = new JsonFactory();

  private final String title;
  private final List<Check> checks;

  private CheckReport(String title, List<Check> checks) {
    this.title = Objects.requireNonNull(title, "title");
    this.checks = List.copyOf(checks);
  }

  /**
   * A report of the given checks, in the order given.
   *
   * @throws NullPointerException if {@code title}, {@code checks} or any check is null
   */
  public static CheckReport of(String title, List<Check> checks) {
    return new CheckReport(title, checks);
  }

  /** What was checked, such as {@code CloudHSM pre-flight for cluster-1a23b4cdefg}. */
  public String title() {
    return title;
  }

  /** The checks in the order they ran. */
  public List<Check> checks() {
    return checks;
  }

  /** The checks that failed, in order. */
  public List<Check> failures() {
    return checks.stream().filter(c -> c.status() == CheckStatus.FAILED).toList();
  }

  /** Whether no check failed. */
  public boolean passed() {
    return failures().isEmpty();
  }

  /** The report as text: the title, one line per check, then a closing line. */
  public String render() {
    StringBuilder text = new StringBuilder(title).append('\n');
    for (Check check : checks) {
      text.append(String.format("  %-8s %s: %s\n", check.status(), check.name(), check.detail()));
    }
    long failed = failures().size();
    long skipped = checks.stream().filter(c -> c.status() == CheckStatus.SKIPPED).count();
    text.append(failed == 0 ? "PASSED: " : "FAILED: ")
        .append(failed)
        .append(" of ")
        .append(checks.size())
        .append(checks.size() == 1 ? " check failed" : " checks failed")
        .append(skipped == 0 ? "." : ", " + skipped + " skipped.")
        .append('\n');
    return text.toString();
  }

  /**
   * The report as one line of JSON, the form every command prints for {@code --output json}:
   *
   * <pre>{@code
   * {"title":"CloudHSM pre-flight for cluster-1a23b4cdefg","passed":false,"checks":[
   *   {"name":"cluster found","status":"PASSED","detail":"a token labelled ... answers."},
   *   {"name":"trust anchor","status":"FAILED","detail":"the cluster certificate ..."}]}
   * }</pre>
   *
   * <p>(shown here on several lines). {@code status} is {@code PASSED}, {@code FAILED} or {@code
   * SKIPPED}; {@code passed} is {@link #passed()}.
   */
  public String toJson() {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("title", title);
      json.writeBooleanField("passed", passed());
      json.writeArrayFieldStart("checks");
      for (Check check : checks) {
        json.writeStartObject();
        json.writeStringField("name", check.name());
        json.writeStringField("status", check.status().name());
        json.writeStringField("detail", check.detail());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a report as JSON", e);
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CheckReport
        && ((CheckReport) other).title.equals(title)
        && ((CheckReport) other).checks.equals(checks);
  }

  @Override
  public int hashCode() {
    return Objects.hash(title, checks);
  }

  /** The same as {@link #render()}. */
  @Override
  public String toString() {
    return render();
  }
}
