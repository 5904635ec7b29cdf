package dev.cks.cloudhsm;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import java.lang.ref.Reference;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One token of a PKCS#11 module, reached through a session pool, plus one session held open for as
 * long as the token is in use.
 *
 * <p>PKCS#11 keeps the login state per application and token, and ends it when the application's
 * last session on the token closes. The held session keeps that state stable while pooled sessions
 * come and go, and carries login and logout.
 */
final class Pkcs11Token {

  static final int IV_LENGTH = 12;
  static final int TAG_LENGTH = 16;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Pkcs11Module module;
  private final long slot;
  private final SessionPool pool;
  private final long heldSession;
  private final Object keyCreation = new Object();

  private Pkcs11Token(Pkcs11Module module, long slot, int maxSessions, Duration wait) {
    this.module = module;
    this.slot = slot;
    this.pool = new SessionPool(module.cryptoki(), slot, maxSessions, wait);
    this.heldSession = pool.openSession();
  }

  static Pkcs11Token open(Pkcs11Module module, long slot, int maxSessions, Duration wait) {
    return new Pkcs11Token(module, slot, maxSessions, wait);
  }

  long slot() {
    return slot;
  }

  private Cryptoki ck() {
    return module.cryptoki();
  }

  /** C_Login as the normal user; the PIN is wiped afterwards, in the array and natively. */
  synchronized void login(byte[] pin) {
    try (Memory nativePin = new Memory(Math.max(1, pin.length))) {
      nativePin.write(0, pin, 0, pin.length);
      try {
        Pkcs11Module.check(
            "C_Login",
            ck().C_Login(
                    Layout.ul(heldSession),
                    Layout.ul(Ck.CKU_USER),
                    nativePin,
                    Layout.ul(pin.length)));
      } finally {
        nativePin.clear();
      }
    } finally {
      Arrays.fill(pin, (byte) 0);
    }
  }

  synchronized void logout() {
    Pkcs11Module.check("C_Logout", ck().C_Logout(Layout.ul(heldSession)));
  }

  /** Whether this application is logged in to the token as the normal user. */
  synchronized boolean loggedIn() {
    try (Memory info = new Memory(4L * Layout.WORD)) {
      Pkcs11Module.check("C_GetSessionInfo", ck().C_GetSessionInfo(Layout.ul(heldSession), info));
      long state = Layout.getWord(info, Layout.WORD);
      return state == Ck.CKS_RW_USER_FUNCTIONS || state == Ck.CKS_RO_USER_FUNCTIONS;
    }
  }

  /** Closes every session of this token object; the caller logs out first if it must. */
  synchronized void close() {
    pool.close();
    ck().C_CloseSession(Layout.ul(heldSession));
  }

  /** The handles of the AES secret keys labelled {@code label} that the user can see. */
  List<Long> findAesKeys(String label) {
    Layout.Template template =
        new Layout.Template()
            .ulong(Ck.CKA_CLASS, Ck.CKO_SECRET_KEY)
            .ulong(Ck.CKA_KEY_TYPE, Ck.CKK_AES)
            .text(Ck.CKA_LABEL, label);
    return pool.call(session -> find(session, template));
  }

  private List<Long> find(long session, Layout.Template template) {
    NativeLong handle = Layout.ul(session);
    Memory array = template.toNative();
    Pkcs11Module.check(
        "C_FindObjectsInit", ck().C_FindObjectsInit(handle, array, Layout.ul(template.count())));
    Reference.reachabilityFence(template);
    List<Long> found = new ArrayList<>();
    try {
      NativeLong[] batch = new NativeLong[16];
      NativeLongByReference count = new NativeLongByReference();
      do {
        Pkcs11Module.check(
            "C_FindObjects", ck().C_FindObjects(handle, batch, Layout.ul(batch.length), count));
        for (int i = 0; i < count.getValue().intValue(); i++) {
          found.add(batch[i].longValue());
        }
      } while (count.getValue().intValue() == batch.length);
    } finally {
      Pkcs11Module.check("C_FindObjectsFinal", ck().C_FindObjectsFinal(handle));
    }
    return found;
  }

  /**
   * Generates a persistent, private, sensitive, non-extractable AES-256 key labelled {@code label}.
   * Every attribute is set in the generate template, because some modules (AWS CloudHSM) cannot
   * change attributes afterwards.
   *
   * @throws LabelInUseException if a key with that label already exists
   */
  long generateAesKey(String label) {
    synchronized (keyCreation) {
      if (!findAesKeys(label).isEmpty()) {
        throw new LabelInUseException(label);
      }
      Layout.Template template =
          new Layout.Template()
              .ulong(Ck.CKA_CLASS, Ck.CKO_SECRET_KEY)
              .ulong(Ck.CKA_KEY_TYPE, Ck.CKK_AES)
              .ulong(Ck.CKA_VALUE_LEN, 32)
              .bool(Ck.CKA_TOKEN, true)
              .bool(Ck.CKA_PRIVATE, true)
              .bool(Ck.CKA_SENSITIVE, true)
              .bool(Ck.CKA_EXTRACTABLE, false)
              .bool(Ck.CKA_ENCRYPT, true)
              .bool(Ck.CKA_DECRYPT, true)
              .bool(Ck.CKA_WRAP, false)
              .bool(Ck.CKA_UNWRAP, false)
              .text(Ck.CKA_LABEL, label);
      return pool.call(
          session -> {
            try (Memory mechanism = Layout.mechanism(Ck.CKM_AES_KEY_GEN, null, 0)) {
              NativeLongByReference key = new NativeLongByReference();
              Pkcs11Module.check(
                  "C_GenerateKey",
                  ck().C_GenerateKey(
                          Layout.ul(session),
                          mechanism,
                          template.toNative(),
                          Layout.ul(template.count()),
                          key));
              Reference.reachabilityFence(template);
              return key.getValue().longValue();
            }
          });
    }
  }

  /** Destroys an object. */
  void destroy(long object) {
    pool.call(
        session -> {
          Pkcs11Module.check(
              "C_DestroyObject", ck().C_DestroyObject(Layout.ul(session), Layout.ul(object)));
          return null;
        });
  }

  /** Reads boolean attributes of an object, in the order given; a missing one reads as false. */
  boolean[] booleans(long object, long... types) {
    return pool.call(
        session -> {
          try (Memory values = new Memory(types.length)) {
            values.clear();
            Memory array = new Memory(3L * Layout.WORD * types.length);
            for (int i = 0; i < types.length; i++) {
              Layout.putWord(array, 3 * i, types[i]);
              array.setPointer((3L * i + 1) * Layout.WORD, values.share(i));
              Layout.putWord(array, 3 * i + 2, 1);
            }
            Pkcs11Module.check(
                "C_GetAttributeValue",
                ck().C_GetAttributeValue(
                        Layout.ul(session), Layout.ul(object), array, Layout.ul(types.length)));
            boolean[] result = new boolean[types.length];
            for (int i = 0; i < types.length; i++) {
              result[i] = values.getByte(i) != 0;
            }
            return result;
          }
        });
  }

  /**
   * Encrypts with AES-GCM.
   *
   * @param ivGeneration who makes the IV: this adapter, or the module (through the standard
   *     mechanism or through AWS CloudHSM's own)
   */
  GcmCiphertext encrypt(long key, byte[] plaintext, byte[] aad, IvGeneration ivGeneration) {
    return pool.callBuffered(session -> encrypt(session, key, plaintext, aad, ivGeneration));
  }

  private GcmCiphertext encrypt(
      SessionPool.Session session,
      long key,
      byte[] plaintext,
      byte[] aad,
      IvGeneration ivGeneration) {
    boolean vendor = ivGeneration == IvGeneration.CLOUDHSM_MECHANISM;
    int prefix = vendor ? IV_LENGTH : 0;
    Layout.GcmCall frame =
        new Layout.GcmCall(aad.length, plaintext.length, prefix + plaintext.length + TAG_LENGTH);
    Memory memory = session.buffer(frame.size());
    try {
      Pointer iv = vendor ? null : frame.iv(memory);
      if (ivGeneration == IvGeneration.ADAPTER) {
        byte[] chosen = new byte[IV_LENGTH];
        RANDOM.nextBytes(chosen);
        iv.write(0, chosen, 0, IV_LENGTH);
      } else if (iv != null) {
        iv.setMemory(0, IV_LENGTH, (byte) 0);
      }
      frame.prepare(memory, vendor ? Ck.CKM_CLOUDHSM_AES_GCM : Ck.CKM_AES_GCM, iv, aad);
      Pointer input = frame.input(memory);
      input.write(0, plaintext, 0, plaintext.length);

      CipherFunctions cipher = module.cipher();
      check("C_EncryptInit", cipher.encryptInit(session.handle(), frame.mechanism(memory), key));
      check(
          "C_Encrypt",
          cipher.encrypt(
              session.handle(),
              input,
              plaintext.length,
              frame.output(memory),
              frame.outputLength(memory)));
      if (frame.producedLength(memory) != frame.outputCapacity()) {
        throw new Pkcs11Failure("C_Encrypt", Ck.CKR_FUNCTION_FAILED);
      }

      Pointer output = frame.output(memory);
      byte[] usedIv = (vendor ? output : iv).getByteArray(0, IV_LENGTH);
      if (ivGeneration == IvGeneration.MODULE && isZero(usedIv)) {
        throw new ModuleIvMissingException();
      }
      return GcmCiphertext.adopt(
          usedIv,
          output.getByteArray(prefix, plaintext.length),
          output.getByteArray(prefix + plaintext.length, TAG_LENGTH));
    } finally {
      frame.wipe(memory);
      session.release(memory);
    }
  }

  /** Decrypts and authenticates an AES-GCM ciphertext. */
  byte[] decrypt(long key, GcmCiphertext ciphertext, byte[] aad, IvGeneration ivGeneration) {
    return pool.callBuffered(session -> decrypt(session, key, ciphertext, aad, ivGeneration));
  }

  private byte[] decrypt(
      SessionPool.Session session,
      long key,
      GcmCiphertext ciphertext,
      byte[] aad,
      IvGeneration ivGeneration) {
    boolean vendor = ivGeneration == IvGeneration.CLOUDHSM_MECHANISM;
    byte[] iv = ciphertext.ivArray();
    byte[] body = ciphertext.ciphertextArray();
    byte[] tag = ciphertext.tagArray();
    int prefix = vendor ? IV_LENGTH : 0;
    int inputLength = prefix + body.length + TAG_LENGTH;
    Layout.GcmCall frame = new Layout.GcmCall(aad.length, inputLength, inputLength);
    Memory memory = session.buffer(frame.size());
    try {
      Pointer ivMemory = vendor ? null : frame.iv(memory);
      if (ivMemory != null) {
        ivMemory.write(0, iv, 0, IV_LENGTH);
      }
      frame.prepare(memory, vendor ? Ck.CKM_CLOUDHSM_AES_GCM : Ck.CKM_AES_GCM, ivMemory, aad);
      Pointer input = frame.input(memory);
      if (vendor) {
        input.write(0, iv, 0, IV_LENGTH);
      }
      input.write(prefix, body, 0, body.length);
      input.write(prefix + body.length, tag, 0, TAG_LENGTH);

      CipherFunctions cipher = module.cipher();
      check("C_DecryptInit", cipher.decryptInit(session.handle(), frame.mechanism(memory), key));
      check(
          "C_Decrypt",
          cipher.decrypt(
              session.handle(),
              input,
              inputLength,
              frame.output(memory),
              frame.outputLength(memory)));
      return frame.output(memory).getByteArray(0, Math.toIntExact(frame.producedLength(memory)));
    } finally {
      frame.wipe(memory);
      session.release(memory);
    }
  }

  private static void check(String function, long returnValue) {
    if (returnValue != Ck.CKR_OK) {
      throw new Pkcs11Failure(function, returnValue);
    }
  }

  private static boolean isZero(byte[] bytes) {
    int any = 0;
    for (byte b : bytes) {
      any |= b;
    }
    return any == 0;
  }

  /** A key with the label asked for already exists. */
  static final class LabelInUseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LabelInUseException(String label) {
      super("a key labelled \"" + label + "\" already exists");
    }
  }

  /** The module was asked to make the IV but left the IV buffer as it was. */
  static final class ModuleIvMissingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ModuleIvMissingException() {
      super("the PKCS#11 module did not write an IV");
    }
  }
}
