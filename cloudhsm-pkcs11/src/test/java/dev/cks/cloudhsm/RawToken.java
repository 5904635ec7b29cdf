package dev.cks.cloudhsm;

import com.sun.jna.Memory;
import com.sun.jna.ptr.NativeLongByReference;
import java.lang.ref.Reference;
import java.nio.file.Path;

/**
 * Direct PKCS#11 calls that the adapter refuses to make, standing in for another tool working on
 * the same token: here, a second key under a label that is already taken.
 */
final class RawToken {

  private RawToken() {}

  /** Generates an AES key labelled {@code label}; the process must be logged in to the token. */
  static void generateAesKey(Path library, String tokenLabel, String label) {
    Pkcs11Module module = Pkcs11Module.load(library);
    long slot = module.slotsLabelled(tokenLabel).get(0);
    SessionPool pool = new SessionPool(module.cryptoki(), slot, 1, java.time.Duration.ofSeconds(5));
    Layout.Template template =
        new Layout.Template()
            .ulong(Ck.CKA_CLASS, Ck.CKO_SECRET_KEY)
            .ulong(Ck.CKA_KEY_TYPE, Ck.CKK_AES)
            .ulong(Ck.CKA_VALUE_LEN, 32)
            .bool(Ck.CKA_TOKEN, true)
            .bool(Ck.CKA_PRIVATE, true)
            .text(Ck.CKA_LABEL, label);
    try (Memory mechanism = Layout.mechanism(Ck.CKM_AES_KEY_GEN, null, 0)) {
      pool.call(
          session -> {
            Pkcs11Module.check(
                "C_GenerateKey",
                module
                    .cryptoki()
                    .C_GenerateKey(
                        Layout.ul(session),
                        mechanism,
                        template.toNative(),
                        Layout.ul(template.count()),
                        new NativeLongByReference()));
            Reference.reachabilityFence(template);
            return null;
          });
    } finally {
      pool.close();
    }
  }

  /** Destroys an object through a session of its own, unseen by any {@link CryptoUserSession}. */
  static void destroy(Path library, String tokenLabel, long handle) {
    Pkcs11Module module = Pkcs11Module.load(library);
    long slot = module.slotsLabelled(tokenLabel).get(0);
    SessionPool pool = new SessionPool(module.cryptoki(), slot, 1, java.time.Duration.ofSeconds(5));
    try {
      pool.call(
          session -> {
            Pkcs11Module.check(
                "C_DestroyObject",
                module.cryptoki().C_DestroyObject(Layout.ul(session), Layout.ul(handle)));
            return null;
          });
    } finally {
      pool.close();
    }
  }
}
