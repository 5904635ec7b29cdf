package dev.cks.check;

/** The outcome of one {@link Check}. */
public enum CheckStatus {
  /** The requirement is met. */
  PASSED,
  /** The requirement is not met; the check's detail says why and, where it can, what to do. */
  FAILED,
  /** The check did not run, usually because an earlier check failed; the detail says why. */
  SKIPPED
}
