package dev.cks.check;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The checks of one run so far, and the rule that skips a check whose prerequisites failed. */
final class Checks {

  private static final Logger LOG = LoggerFactory.getLogger(ProxyCheck.class);

  final List<Check> list = new ArrayList<>();

  void add(Check check) {
    list.add(check);
    LOG.debug("{}", check);
  }

  void passed(String name, String detail) {
    add(Check.passed(name, detail));
  }

  void failed(String name, String detail) {
    add(Check.failed(name, detail));
  }

  void skipped(String name, String detail) {
    add(Check.skipped(name, detail));
  }

  /** The status of the named check, or {@code null} if it has not run. */
  CheckStatus status(String name) {
    for (Check check : list) {
      if (check.name().equals(name)) {
        return check.status();
      }
    }
    return null;
  }

  /**
   * Adds {@code name} as skipped, naming the first prerequisite that failed (else the first that
   * was skipped), and returns true; returns false, adding nothing, when every prerequisite passed.
   */
  boolean skipUnlessPassed(String name, List<String> prerequisites) {
    String reason = reason(prerequisites);
    if (reason != null) {
      skipped(name, reason);
    }
    return reason != null;
  }

  /** {@link #skipUnlessPassed(String, List)} with the prerequisites given one by one. */
  boolean skipUnlessPassed(String name, String... prerequisites) {
    return skipUnlessPassed(name, List.of(prerequisites));
  }

  /** Why a check with these prerequisites cannot run, or {@code null} if it can. */
  String reason(List<String> prerequisites) {
    for (String prerequisite : prerequisites) {
      if (status(prerequisite) == CheckStatus.FAILED) {
        return "not checked, because the " + prerequisite + " check failed.";
      }
    }
    for (String prerequisite : prerequisites) {
      if (status(prerequisite) != CheckStatus.PASSED) {
        return "not checked, because the " + prerequisite + " check was skipped.";
      }
    }
    return null;
  }
}
