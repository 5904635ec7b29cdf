package dev.cks.cloudhsm;

import dev.cks.ConnectionErrorCode;

/** Which {@link ConnectionErrorCode} KMS reports for a PKCS#11 result while connecting. */
final class ConnectionFailures {

  private ConnectionFailures() {}

  static ConnectionErrorCode codeFor(long returnValue) {
    if (returnValue == Ck.CKR_PIN_INCORRECT
        || returnValue == Ck.CKR_PIN_INVALID
        || returnValue == Ck.CKR_PIN_LEN_RANGE) {
      return ConnectionErrorCode.INVALID_CREDENTIALS;
    }
    if (returnValue == Ck.CKR_PIN_LOCKED) {
      return ConnectionErrorCode.USER_LOCKED_OUT;
    }
    if (returnValue == Ck.CKR_USER_ALREADY_LOGGED_IN
        || returnValue == Ck.CKR_USER_ANOTHER_ALREADY_LOGGED_IN) {
      return ConnectionErrorCode.USER_LOGGED_IN;
    }
    if (returnValue == Ck.CKR_USER_PIN_NOT_INITIALIZED || returnValue == Ck.CKR_USER_TYPE_INVALID) {
      return ConnectionErrorCode.USER_NOT_FOUND;
    }
    if (returnValue == Ck.CKR_SLOT_ID_INVALID
        || returnValue == Ck.CKR_TOKEN_NOT_PRESENT
        || returnValue == Ck.CKR_TOKEN_NOT_RECOGNIZED) {
      return ConnectionErrorCode.CLUSTER_NOT_FOUND;
    }
    if (returnValue == Ck.CKR_DEVICE_REMOVED) {
      return ConnectionErrorCode.NETWORK_ERRORS;
    }
    return ConnectionErrorCode.INTERNAL_ERROR;
  }
}
