package dev.cks.check;

import java.util.Objects;

/**
 * One item of a {@link CheckReport}: what was checked, whether it passed, and a plain sentence
 * explaining the outcome.
 *
 * <p>Instances are immutable. The detail never holds a secret: a check of a password states its
 * length, not its value.
 */
public final class Check {

  private final String name;
  private final CheckStatus status;
  private final String detail;

  private Check(String name, CheckStatus status, String detail) {
    this.name = requireText(name, "name");
    this.status = Objects.requireNonNull(status, "status");
    this.detail = requireText(detail, "detail");
  }

  /**
   * A check with the given outcome.
   *
   * @throws NullPointerException if any argument is null
   * @throws IllegalArgumentException if {@code name} or {@code detail} is blank
   */
  public static Check of(String name, CheckStatus status, String detail) {
    return new Check(name, status, detail);
  }

  /** A check that passed; see {@link #of}. */
  public static Check passed(String name, String detail) {
    return new Check(name, CheckStatus.PASSED, detail);
  }

  /** A check that failed; see {@link #of}. */
  public static Check failed(String name, String detail) {
    return new Check(name, CheckStatus.FAILED, detail);
  }

  /** A check that did not run; see {@link #of}. */
  public static Check skipped(String name, String detail) {
    return new Check(name, CheckStatus.SKIPPED, detail);
  }

  /** A short name of what was checked, such as {@code trust anchor}. */
  public String name() {
    return name;
  }

  /** The outcome. */
  public CheckStatus status() {
    return status;
  }

  /** A plain sentence explaining the outcome. */
  public String detail() {
    return detail;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Check
        && ((Check) other).name.equals(name)
        && ((Check) other).status == status
        && ((Check) other).detail.equals(detail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, status, detail);
  }

  /** The check as one line of a rendered report. */
  @Override
  public String toString() {
    return status + " " + name + ": " + detail;
  }

  private static String requireText(String value, String member) {
    Objects.requireNonNull(value, member);
    if (value.isBlank()) {
      throw new IllegalArgumentException("check " + member + " must not be blank");
    }
    return value;
  }
}
