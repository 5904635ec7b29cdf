package dev.cks.xks;

/** The answer to a Decrypt request: the plaintext. {@link #toString()} shows its size only. */
public final class XksDecryptResponse {

  private final byte[] plaintext;

  XksDecryptResponse(byte[] plaintext) {
    this.plaintext = plaintext;
  }

  /** A copy of the plaintext. */
  public byte[] plaintext() {
    return plaintext.clone();
  }

  @Override
  public String toString() {
    return "XksDecryptResponse[plaintext=" + plaintext.length + " bytes]";
  }
}
