package dev.cks.cloudhsm;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The four PKCS#11 functions of the AES-GCM path, called through JNA function handles with plain
 * numbers and pointers, which costs less per call than the {@link Cryptoki} proxy with its
 * conversion of every argument and its copies of Java arrays.
 *
 * <p>Limitation: JNA's direct mapping would cost about 1 µs less per call, but it binds a class to
 * a single library, and one process may load several modules.
 */
final class CipherFunctions {

  private final Function encryptInit;
  private final Function encrypt;
  private final Function decryptInit;
  private final Function decrypt;

  private CipherFunctions(NativeLibrary library) {
    this.encryptInit = library.getFunction("C_EncryptInit");
    this.encrypt = library.getFunction("C_Encrypt");
    this.decryptInit = library.getFunction("C_DecryptInit");
    this.decrypt = library.getFunction("C_Decrypt");
  }

  /**
   * Looks the functions up in a loaded library.
   *
   * @throws UnsatisfiedLinkError if the library lacks one of them
   */
  static CipherFunctions of(NativeLibrary library) {
    return new CipherFunctions(library);
  }

  /** C_EncryptInit; returns the PKCS#11 return value. */
  long encryptInit(long session, Pointer mechanism, long key) {
    return invoke(encryptInit, word(session), mechanism, word(key));
  }

  /** C_Encrypt; {@code outLength} points to a CK_ULONG holding the size of {@code out}. */
  long encrypt(long session, Pointer in, long inLength, Pointer out, Pointer outLength) {
    return invoke(encrypt, word(session), in, word(inLength), out, outLength);
  }

  /** C_DecryptInit; returns the PKCS#11 return value. */
  long decryptInit(long session, Pointer mechanism, long key) {
    return invoke(decryptInit, word(session), mechanism, word(key));
  }

  /** C_Decrypt; {@code outLength} points to a CK_ULONG holding the size of {@code out}. */
  long decrypt(long session, Pointer in, long inLength, Pointer out, Pointer outLength) {
    return invoke(decrypt, word(session), in, word(inLength), out, outLength);
  }

  /** A CK_ULONG argument: a Java long where it is 64 bits wide, an int where it is 32. */
  private static Object word(long value) {
    return Layout.WORD == 8 ? (Object) value : (Object) (int) value;
  }

  private static long invoke(Function function, Object... args) {
    return Layout.WORD == 8 ? function.invokeLong(args) : function.invokeInt(args) & 0xffffffffL;
  }
}
