package dev.cks.cloudhsm;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.NativeLongByReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loaded and initialised PKCS#11 library. A process loads each library once and never finalises
 * it, because other code in the same process (another provider on the same file, for example) may
 * still use it.
 */
final class Pkcs11Module {

  private static final Map<Path, Pkcs11Module> LOADED = new ConcurrentHashMap<>();

  private final Path path;
  private final Cryptoki cryptoki;
  private final CipherFunctions cipher;

  private Pkcs11Module(Path path, Cryptoki cryptoki, CipherFunctions cipher) {
    this.path = path;
    this.cryptoki = cryptoki;
    this.cipher = cipher;
  }

  /**
   * Loads and initialises the library at {@code path}, or returns the one this process loaded
   * before.
   *
   * @throws ModuleLoadException if the file is missing or is not a usable PKCS#11 library
   */
  static Pkcs11Module load(Path path) {
    Path real;
    try {
      real = path.toRealPath();
    } catch (IOException e) {
      throw new ModuleLoadException("PKCS#11 library " + path + " does not exist", e);
    }
    return LOADED.computeIfAbsent(real, Pkcs11Module::initialize);
  }

  private static Pkcs11Module initialize(Path path) {
    if (!Layout.supported()) {
      throw new ModuleLoadException(
          "PKCS#11 structures on this platform have a CK_ULONG narrower than a pointer,"
              + " which this adapter does not lay out",
          null);
    }
    if (!Files.isRegularFile(path)) {
      throw new ModuleLoadException("PKCS#11 library " + path + " is not a file", null);
    }
    Cryptoki cryptoki;
    NativeLibrary library;
    try {
      cryptoki = Native.load(path.toString(), Cryptoki.class);
      library = NativeLibrary.getInstance(path.toString());
    } catch (UnsatisfiedLinkError e) {
      throw new ModuleLoadException("PKCS#11 library " + path + " could not be loaded", e);
    }
    try (Memory args = Layout.initializeArgs()) {
      long rv = cryptoki.C_Initialize(args).longValue();
      if (rv != Ck.CKR_OK && rv != Ck.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        throw new ModuleLoadException(
            "PKCS#11 library " + path + " failed to initialise: " + Ck.name(rv), null);
      }
    } catch (UnsatisfiedLinkError e) {
      throw new ModuleLoadException(
          "file " + path + " is not a PKCS#11 library: it has no C_Initialize", e);
    }
    CipherFunctions cipher;
    try {
      cipher = CipherFunctions.of(library);
    } catch (UnsatisfiedLinkError e) {
      throw new ModuleLoadException(
          "PKCS#11 library "
              + path
              + " lacks the encryption functions C_EncryptInit, C_Encrypt,"
              + " C_DecryptInit and C_Decrypt",
          e);
    }
    return new Pkcs11Module(path, cryptoki, cipher);
  }

  Path path() {
    return path;
  }

  Cryptoki cryptoki() {
    return cryptoki;
  }

  CipherFunctions cipher() {
    return cipher;
  }

  /** The slots that hold an initialised token whose label is {@code label}. */
  List<Long> slotsLabelled(String label) {
    List<Long> matches = new ArrayList<>();
    for (long slot : slotsWithToken()) {
      try (Memory info = new Memory(256)) {
        info.clear();
        long rv = cryptoki.C_GetTokenInfo(Layout.ul(slot), info).longValue();
        if (rv != Ck.CKR_OK) {
          continue;
        }
        long flags = Layout.getWord(info, 96);
        String tokenLabel = new String(info.getByteArray(0, 32), StandardCharsets.UTF_8).trim();
        if ((flags & Ck.CKF_TOKEN_INITIALIZED) != 0 && tokenLabel.equals(label)) {
          matches.add(slot);
        }
      }
    }
    return matches;
  }

  private long[] slotsWithToken() {
    NativeLongByReference count = new NativeLongByReference();
    check("C_GetSlotList", cryptoki.C_GetSlotList((byte) 1, null, count));
    NativeLong[] slots = new NativeLong[count.getValue().intValue()];
    if (slots.length == 0) {
      return new long[0];
    }
    check("C_GetSlotList", cryptoki.C_GetSlotList((byte) 1, slots, count));
    long[] ids = new long[count.getValue().intValue()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = slots[i].longValue();
    }
    return ids;
  }

  static void check(String function, NativeLong returnValue) {
    long rv = returnValue.longValue();
    if (rv != Ck.CKR_OK) {
      throw new Pkcs11Failure(function, rv);
    }
  }

  /** The library could not be loaded or initialised. */
  static final class ModuleLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ModuleLoadException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
