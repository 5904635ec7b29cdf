package dev.cks.signer;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Constants and checks shared by the signers and the verifier. */
final class SigV4 {

  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  static final String TERMINATOR = "aws4_request";
  static final String XKS_SERVICE = "kms-xks-proxy";

  /** {@code "AWS4-HMAC-SHA256\n"}, the start of every string to sign. */
  static final byte[] STRING_TO_SIGN_START = (ALGORITHM + "\n").getBytes(StandardCharsets.US_ASCII);

  /** The hex SHA-256 of an empty body. */
  static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private SigV4() {}

  /**
   * Checks a region or service name: non-empty, lower-case letters, digits and hyphens only.
   *
   * @throws IllegalArgumentException naming the member and the value otherwise
   */
  static String checkScopePart(String member, String value) {
    Objects.requireNonNull(value, member + " must not be null");
    boolean valid = !value.isEmpty();
    for (int i = 0; i < value.length() && valid; i++) {
      char c = value.charAt(i);
      valid = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-';
    }
    if (!valid) {
      throw new IllegalArgumentException(
          member + " must be lower-case letters, digits and hyphens, was \"" + value + "\"");
    }
    return value;
  }
}
