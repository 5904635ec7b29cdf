package dev.cks.cloudhsm;

/**
 * A PKCS#11 function returned something other than {@code CKR_OK}. Internal: the public API turns
 * it into an {@link HsmException}.
 */
final class Pkcs11Failure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final long returnValue;

  Pkcs11Failure(String function, long returnValue) {
    super(function + " returned " + Ck.name(returnValue));
    this.returnValue = returnValue;
  }

  long returnValue() {
    return returnValue;
  }

  String returnValueName() {
    return Ck.name(returnValue);
  }
}
