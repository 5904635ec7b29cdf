package dev.cks.client;

import dev.cks.CksException;
import dev.cks.check.CheckReport;

/**
 * A pre-flight check found a problem, so the client changed nothing. {@link #report()} holds every
 * item; the message names the failed ones.
 */
public final class PreflightFailedException extends CksException {

  private static final long serialVersionUID = 1L;

  private final transient CheckReport report;

  PreflightFailedException(CheckReport report) {
    super("PreflightFailed", 0, null, message(report), null);
    this.report = report;
  }

  /** The report of the check that failed. */
  public CheckReport report() {
    return report;
  }

  private static String message(CheckReport report) {
    StringBuilder text = new StringBuilder(report.title()).append(" failed, nothing was changed:");
    report.failures().forEach(check -> text.append("\n  ").append(check));
    return text.toString();
  }
}
