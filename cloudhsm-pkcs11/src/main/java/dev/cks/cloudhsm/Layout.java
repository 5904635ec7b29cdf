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
 * {@code CK_GCM_PARAMS} with everything an AES-GCM call reads and writes, and {@code
 * CK_C_INITIALIZE_ARGS}.
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

  /**
   * Where the parts of one AES-GCM call lie in a single native buffer: the CK_MECHANISM, its
   * CK_GCM_PARAMS, the output length, the IV, the AAD, the input and the output, each on a word
   * boundary.
   */
  static final class GcmCall {
    private static final long PARAMS = 3L * WORD;
    private static final long LENGTH = 9L * WORD;
    private static final long IV = 10L * WORD;
    private static final long AAD = IV + 16;

    private final int aadLength;
    private final long input;
    private final long output;
    private final long outputCapacity;
    private final long size;

    GcmCall(int aadLength, long inputLength, long outputCapacity) {
      this.aadLength = aadLength;
      this.input = AAD + aligned(aadLength);
      this.output = input + aligned(inputLength);
      this.outputCapacity = outputCapacity;
      this.size = output + aligned(outputCapacity);
    }

    /** The bytes the call needs. */
    long size() {
      return size;
    }

    long outputCapacity() {
      return outputCapacity;
    }

    Pointer mechanism(Pointer memory) {
      return memory;
    }

    Pointer iv(Pointer memory) {
      return memory.share(IV);
    }

    Pointer input(Pointer memory) {
      return memory.share(input);
    }

    Pointer output(Pointer memory) {
      return memory.share(output);
    }

    /** The CK_ULONG through which the module reads the output capacity and writes the length. */
    Pointer outputLength(Pointer memory) {
      return memory.share(LENGTH);
    }

    /** The output length the module wrote. */
    long producedLength(Pointer memory) {
      return getWord(memory, LENGTH);
    }

    /**
     * Writes the mechanism {@code type} with GCM parameters (the IV at {@code iv}, which may be
     * null, a copy of {@code aad} and a 128-bit tag) and sets the output length to the capacity.
     */
    void prepare(Pointer memory, long type, Pointer iv, byte[] aad) {
      Pointer aadMemory = null;
      if (aadLength > 0) {
        aadMemory = memory.share(AAD);
        aadMemory.write(0, aad, 0, aadLength);
      }
      putWord(memory, 0, type);
      memory.setPointer(WORD, memory.share(PARAMS));
      putWord(memory, 2, 6L * WORD);
      memory.setPointer(PARAMS, iv);
      putWord(memory, 4, Pkcs11Token.IV_LENGTH);
      putWord(memory, 5, Pkcs11Token.IV_LENGTH * 8L);
      memory.setPointer(PARAMS + 3L * WORD, aadMemory);
      putWord(memory, 7, aadLength);
      putWord(memory, 8, Pkcs11Token.TAG_LENGTH * 8L);
      putWord(memory, 9, outputCapacity);
    }

    /** Zeroes the IV, AAD, input and output, so that no plaintext stays in native memory. */
    void wipe(Pointer memory) {
      memory.setMemory(IV, size - IV, (byte) 0);
    }

    private static long aligned(long length) {
      return (length + WORD - 1) / WORD * WORD;
    }
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
