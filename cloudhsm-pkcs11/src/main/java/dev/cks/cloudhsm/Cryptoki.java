package dev.cks.cloudhsm;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;

/**
 * The PKCS#11 (Cryptoki 2.40) functions the adapter calls, bound by name to the symbols a module
 * exports. Every structure is laid out by hand in native memory, see {@link Layout}.
 */
interface Cryptoki extends Library {

  NativeLong C_Initialize(Pointer initArgs);

  NativeLong C_GetSlotList(byte tokenPresent, NativeLong[] slots, NativeLongByReference count);

  NativeLong C_GetTokenInfo(NativeLong slot, Pointer info);

  NativeLong C_OpenSession(
      NativeLong slot,
      NativeLong flags,
      Pointer application,
      Pointer notify,
      NativeLongByReference session);

  NativeLong C_CloseSession(NativeLong session);

  NativeLong C_GetSessionInfo(NativeLong session, Pointer info);

  NativeLong C_Login(NativeLong session, NativeLong userType, Pointer pin, NativeLong pinLength);

  NativeLong C_Logout(NativeLong session);

  NativeLong C_GenerateKey(
      NativeLong session,
      Pointer mechanism,
      Pointer template,
      NativeLong count,
      NativeLongByReference key);

  NativeLong C_DestroyObject(NativeLong session, NativeLong object);

  NativeLong C_FindObjectsInit(NativeLong session, Pointer template, NativeLong count);

  NativeLong C_FindObjects(
      NativeLong session, NativeLong[] objects, NativeLong max, NativeLongByReference count);

  NativeLong C_FindObjectsFinal(NativeLong session);

  NativeLong C_GetAttributeValue(
      NativeLong session, NativeLong object, Pointer template, NativeLong count);

  NativeLong C_EncryptInit(NativeLong session, Pointer mechanism, NativeLong key);

  NativeLong C_Encrypt(
      NativeLong session,
      byte[] data,
      NativeLong dataLength,
      byte[] encrypted,
      NativeLongByReference encryptedLength);

  NativeLong C_DecryptInit(NativeLong session, Pointer mechanism, NativeLong key);

  NativeLong C_Decrypt(
      NativeLong session,
      byte[] encrypted,
      NativeLong encryptedLength,
      byte[] data,
      NativeLongByReference dataLength);
}
