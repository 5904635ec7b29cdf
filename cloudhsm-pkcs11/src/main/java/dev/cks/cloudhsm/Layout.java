package dev.cks.cloudhsm;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Native layouts of the PKCS#11 structures the adapter passes: attribute templates, mechanisms,
 * {@code CK_GCM_PARAMS} and {@code CK_C_INITIALIZE_ARGS}.
 *
 * <p>On the platforms supported here a {@code CK_ULONG} and a pointer have the same size, so each
 * structure is a row of equal words with no padding.
 */
final class Layout {

  /** The size of a CK_ULONG and of a pointer. */
  static final int WORD = Native.POINTER_SIZE;

  private Layout() {}

  /** Whether this platform has the layout this class writes (not 64-bit Windows, for example). */
  static boolean supported() {
    return NativeLong.SIZE == Native.POINTER_SIZE;
  }

  static NativeLong ul(long value) {
    return new NativeLong(value);
  }

  static void putWord(Pointer memory, int index, long value) {
    if (WORD == 8) {
      memory.setLong((long) index * WORD, value);
    } else {
      memory.setInt((long) index * WORD, (int) value);
    }
  }

  static long getWord(Pointer memory, long offset) {
    return WORD == 8 ? memory.getLong(offset) : memory.getInt(offset) & 0xffffffffL;
  }

  /** CK_C_INITIALIZE_ARGS asking the module to use the operating system's locking. */
  static Memory initializeArgs() {
    Memory args = new Memory(6L * WORD);
    args.clear();
    putWord(args, 4, Ck.CKF_OS_LOCKING_OK);
    return args;
  }

  /** A CK_MECHANISM with a parameter block (or none). */
  static Memory mechanism(long type, Pointer parameter, long parameterLength) {
    Memory mechanism = new Memory(3L * WORD);
    putWord(mechanism, 0, type);
    mechanism.setPointer(WORD, parameter);
    putWord(mechanism, 2, parameterLength);
    return mechanism;
  }

  /** CK_GCM_PARAMS; {@code iv} may be null, as CloudHSM's own mechanism requires. */
  static Memory gcmParams(Pointer iv, int ivLength, Pointer aad, int aadLength, int tagBits) {
    Memory params = new Memory(6L * WORD);
    params.setPointer(0, iv);
    putWord(params, 1, ivLength);
    putWord(params, 2, ivLength * 8L);
    params.setPointer(3L * WORD, aad);
    putWord(params, 4, aadLength);
    putWord(params, 5, tagBits);
    return params;
  }

  /** Native memory holding a copy of {@code bytes}, or null for an empty array. */
  static Memory bytes(byte[] bytes) {
    if (bytes.length == 0) {
      return null;
    }
    Memory memory = new Memory(bytes.length);
    memory.write(0, bytes, 0, bytes.length);
    return memory;
  }

  /** A CK_ATTRIBUTE array, built attribute by attribute. */
  static final class Template {
    private final List<long[]> types = new ArrayList<>();
    private final List<Memory> values = new ArrayList<>();

    Template bool(long type, boolean value) {
      Memory memory = new Memory(1);
      memory.setByte(0, (byte) (value ? 1 : 0));
      return add(type, memory);
    }

    Template ulong(long type, long value) {
      Memory memory = new Memory(WORD);
      putWord(memory, 0, value);
      return add(type, memory);
    }

    Template text(long type, String value) {
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      Memory memory = new Memory(Math.max(1, bytes.length));
      memory.write(0, bytes, 0, bytes.length);
      types.add(new long[] {type, bytes.length});
      values.add(memory);
      return this;
    }

    private Template add(long type, Memory memory) {
      types.add(new long[] {type, memory.size()});
      values.add(memory);
      return this;
    }

    int count() {
      return types.size();
    }

    /** The array in native memory; the value buffers stay reachable through this template. */
    Memory toNative() {
      Memory array = new Memory(3L * WORD * types.size());
      for (int i = 0; i < types.size(); i++) {
        putWord(array, 3 * i, types.get(i)[0]);
        array.setPointer((3L * i + 1) * WORD, values.get(i));
        putWord(array, 3 * i + 2, types.get(i)[1]);
      }
      return array;
    }
  }
}
