package dev.cks.cloudhsm;

import dev.cks.CksException;
import dev.cks.ConnectionErrorCode;
import java.util.Optional;

/**
 * A failure talking to an HSM cluster through its PKCS#11 module.
 *
 * <p>A failure to reach the cluster or to log in carries the {@link ConnectionErrorCode} that KMS
 * reports for the same cause when it connects a CloudHSM key store, for example {@link
 * ConnectionErrorCode#INVALID_CREDENTIALS} for a wrong password. A failure of a single operation
 * once connected (a key label already in use, a decryption that fails authentication) carries none.
 * The {@linkplain #errorName() error name} is the connection error code when there is one, and
 * otherwise names the kind of failure: {@code LabelInUse}, {@code DuplicateLabel}, {@code
 * EncryptionFailed}, {@code DecryptionFailed}, {@code SessionsExhausted} (no pooled session became
 * free in time) or {@code Pkcs11Error} (any other refusal of the module). When the module returned
 * a PKCS#11 error, {@link #returnValue()} names it.
 *
 * <p>Messages never contain a password, a PIN, plaintext or key material.
 */
public final class HsmException extends CksException {

  private static final long serialVersionUID = 1L;

  private final ConnectionErrorCode connectionErrorCode;
  private final String returnValue;

  HsmException(
      ConnectionErrorCode code,
      String errorName,
      String returnValue,
      String message,
      Throwable cause) {
    super(code != null ? code.value() : errorName, 0, null, message, cause);
    this.connectionErrorCode = code;
    this.returnValue = returnValue;
  }

  static HsmException connection(ConnectionErrorCode code, String message, Throwable cause) {
    return new HsmException(code, null, returnValueOf(cause), message, cause);
  }

  static HsmException operation(String errorName, String message, Throwable cause) {
    return new HsmException(null, errorName, returnValueOf(cause), message, cause);
  }

  private static String returnValueOf(Throwable cause) {
    return cause instanceof Pkcs11Failure ? ((Pkcs11Failure) cause).returnValueName() : null;
  }

  /** The code KMS would report for this failure when connecting, if it is a connection failure. */
  public Optional<ConnectionErrorCode> connectionErrorCode() {
    return Optional.ofNullable(connectionErrorCode);
  }

  /** The PKCS#11 return value behind the failure, such as {@code CKR_PIN_INCORRECT}. */
  public Optional<String> returnValue() {
    return Optional.ofNullable(returnValue);
  }
}
