package dev.cks;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when values break the rules KMS sets for them, before anything is sent anywhere.
 *
 * <p>It lists every violation found, not only the first, each naming the member, the rule and the
 * offending value (for a secret, only its length). With one violation the message is that
 * violation's message; with more it is a count followed by each message, separated by {@code ; }.
 * The error name is {@code ValidationException} and the HTTP status 400, as KMS answers.
 */
public final class ValidationException extends CksException {

  private static final long serialVersionUID = 1L;

  /** The error name KMS uses for input that breaks a constraint. */
  public static final String ERROR_NAME = "ValidationException";

  private final List<Violation> violations;

  /**
   * Creates the exception for a non-empty list of violations.
   *
   * @throws IllegalArgumentException if {@code violations} is empty
   */
  public ValidationException(List<Violation> violations) {
    super(ERROR_NAME, 400, null, messageOf(violations), null);
    this.violations = List.copyOf(violations);
  }

  /** Every violation found, in the order the members were checked. */
  public List<Violation> violations() {
    return violations;
  }

  /**
   * Throws a {@code ValidationException} for the violations, if there are any.
   *
   * @throws ValidationException if {@code violations} is not empty
   */
  public static void throwIfAny(List<Violation> violations) {
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
  }

  private static String messageOf(List<Violation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs at least one violation");
    }
    if (violations.size() == 1) {
      return violations.get(0).message();
    }
    return violations.size()
        + " validation errors: "
        + violations.stream().map(Violation::message).collect(Collectors.joining("; "));
  }
}
