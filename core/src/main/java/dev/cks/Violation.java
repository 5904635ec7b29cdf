package dev.cks;

import java.io.Serializable;
import java.util.Objects;

/**
 * One broken rule: which API member, which rule, and what was found instead.
 *
 * <p>The member is spelled as on KMS's wire ({@code XksProxyUriPath}); a member inside a structure
 * is named with its path ({@code XksProxyAuthenticationCredential.AccessKeyId}). The offending
 * value is shown quoted and, when long, shortened; a secret is shown by its length only.
 *
 * <p>The message reads as one sentence, for example {@code XksProxyUriPath must end with
 * /kms/xks/v1, was "/prefix/kms/xks"}.
 */
public final class Violation implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String member;
  private final String rule;
  private final String offendingValue;
  private final String detail;

  private Violation(String member, String rule, String offendingValue, String detail) {
    this.member = Objects.requireNonNull(member, "member");
    this.rule = Objects.requireNonNull(rule, "rule");
    this.offendingValue = Objects.requireNonNull(offendingValue, "offendingValue");
    this.detail = detail;
  }

  /**
   * A violation of a rule by a value that may be shown.
   *
   * @param member the member's wire name, such as {@code XksProxyUriPath}
   * @param rule the rule, phrased to follow the member name, such as {@code must start with /}
   * @param value the offending value; it is quoted, escaped and, when long, shortened
   * @throws NullPointerException if any argument is null
   */
  public static Violation of(String member, String rule, String value) {
    return new Violation(member, rule, Text.quote(value), null);
  }

  /**
   * A violation of a rule by a secret that holds text; the message names only the secret's length
   * in characters.
   *
   * @throws NullPointerException if any argument is null
   * @throws IllegalStateException if the secret holds bytes, not text
   */
  public static Violation ofSecret(String member, String rule, Secret value) {
    return new Violation(member, rule, "a secret of " + secretLength(value) + " characters", null);
  }

  /**
   * A violation with the offending value already described in words, such as {@code missing}.
   *
   * @throws NullPointerException if any argument is null
   */
  public static Violation described(String member, String rule, String description) {
    return new Violation(member, rule, description, null);
  }

  /**
   * This violation with a sentence added to its message that explains the finding.
   *
   * @throws NullPointerException if {@code detail} is null
   */
  public Violation withDetail(String detail) {
    return new Violation(member, rule, offendingValue, Objects.requireNonNull(detail, "detail"));
  }

  /** The length of a text secret in characters (code points), as KMS counts it. */
  static int secretLength(Secret value) {
    return Text.length(value.reveal());
  }

  /** The member's wire name, such as {@code XksProxyUriPath}. */
  public String member() {
    return member;
  }

  /** The rule that was broken, such as {@code must end with /kms/xks/v1}. */
  public String rule() {
    return rule;
  }

  /** What was found: a quoted value, {@code missing}, or for a secret only its length. */
  public String offendingValue() {
    return offendingValue;
  }

  /** The whole sentence: member, rule, what was found and, where there is one, an explanation. */
  public String message() {
    String sentence = member + " " + rule + ", was " + offendingValue;
    return detail == null ? sentence : sentence + ": " + detail;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Violation && ((Violation) other).message().equals(message());
  }

  @Override
  public int hashCode() {
    return message().hashCode();
  }

  /** The message. */
  @Override
  public String toString() {
    return message();
  }
}
