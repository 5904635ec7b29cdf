package dev.cks.cloudhsm;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import org.junit.jupiter.api.Test;

/** The native layout of one AES-GCM call. */
class LayoutTest {

  @Test
  void gcmCall_prepare_writesMechanismParametersAadAndCapacity() {
    Layout.GcmCall frame = new Layout.GcmCall(3, 5, 21);
    try (Memory memory = new Memory(frame.size())) {
      frame.prepare(memory, Ck.CKM_AES_GCM, frame.iv(memory), new byte[] {7, 8, 9});

      long word = Layout.WORD;
      assertThat(Layout.getWord(memory, 0)).isEqualTo(Ck.CKM_AES_GCM);
      assertThat(memory.getPointer(word)).isEqualTo(memory.share(3 * word));
      assertThat(Layout.getWord(memory, 2 * word)).isEqualTo(6 * word);
      assertThat(memory.getPointer(3 * word)).isEqualTo(frame.iv(memory));
      assertThat(Layout.getWord(memory, 4 * word)).isEqualTo(12);
      assertThat(Layout.getWord(memory, 5 * word)).isEqualTo(96);
      assertThat(memory.getPointer(6 * word).getByteArray(0, 3)).containsExactly(7, 8, 9);
      assertThat(Layout.getWord(memory, 7 * word)).isEqualTo(3);
      assertThat(Layout.getWord(memory, 8 * word)).isEqualTo(128);
      assertThat(frame.producedLength(memory)).isEqualTo(21);
    }
  }

  @Test
  void gcmCall_withoutAad_passesANullPointer() {
    Layout.GcmCall frame = new Layout.GcmCall(0, 5, 21);
    try (Memory memory = new Memory(frame.size())) {
      frame.prepare(memory, Ck.CKM_CLOUDHSM_AES_GCM, null, new byte[0]);

      assertThat(memory.getPointer(3L * Layout.WORD)).isNull();
      assertThat(memory.getPointer(6L * Layout.WORD)).isNull();
    }
  }

  @Test
  void gcmCall_wipe_zeroesIvAadInputAndOutput() {
    Layout.GcmCall frame = new Layout.GcmCall(3, 5, 21);
    try (Memory memory = new Memory(frame.size())) {
      frame.prepare(memory, Ck.CKM_AES_GCM, frame.iv(memory), new byte[] {7, 8, 9});
      frame.iv(memory).setMemory(0, 12, (byte) 1);
      frame.input(memory).setMemory(0, 5, (byte) 2);
      frame.output(memory).setMemory(0, 21, (byte) 3);

      frame.wipe(memory);

      long start = 10L * Layout.WORD;
      assertThat(memory.getByteArray(start, (int) (frame.size() - start))).containsOnly(0);
    }
  }
}
