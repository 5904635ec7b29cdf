package dev.cks.cloudhsm;

import java.util.Map;

/** PKCS#11 constants the adapter uses, and the names of return values for messages. */
final class Ck {

  static final long CKF_RW_SESSION = 0x2;
  static final long CKF_SERIAL_SESSION = 0x4;
  static final long CKF_OS_LOCKING_OK = 0x2;
  static final long CKF_TOKEN_INITIALIZED = 0x400;

  static final long CKU_USER = 1;

  static final long CKS_RW_PUBLIC_SESSION = 2;
  static final long CKS_RO_USER_FUNCTIONS = 1;
  static final long CKS_RW_USER_FUNCTIONS = 3;

  static final long CKO_SECRET_KEY = 4;
  static final long CKK_AES = 0x1f;

  static final long CKA_CLASS = 0x0;
  static final long CKA_TOKEN = 0x1;
  static final long CKA_PRIVATE = 0x2;
  static final long CKA_LABEL = 0x3;
  static final long CKA_KEY_TYPE = 0x100;
  static final long CKA_SENSITIVE = 0x103;
  static final long CKA_ENCRYPT = 0x104;
  static final long CKA_DECRYPT = 0x105;
  static final long CKA_WRAP = 0x106;
  static final long CKA_UNWRAP = 0x107;
  static final long CKA_VALUE_LEN = 0x161;
  static final long CKA_EXTRACTABLE = 0x162;

  static final long CKM_AES_KEY_GEN = 0x1080;
  static final long CKM_AES_GCM = 0x1087;

  /** AWS CloudHSM's AES-GCM: the HSM makes the IV and returns IV || ciphertext || tag. */
  static final long CKM_CLOUDHSM_AES_GCM = 0x80000000L | CKM_AES_GCM;

  static final long CKR_OK = 0x0;
  static final long CKR_HOST_MEMORY = 0x2;
  static final long CKR_SLOT_ID_INVALID = 0x3;
  static final long CKR_GENERAL_ERROR = 0x5;
  static final long CKR_FUNCTION_FAILED = 0x6;
  static final long CKR_ARGUMENTS_BAD = 0x7;
  static final long CKR_ATTRIBUTE_TYPE_INVALID = 0x12;
  static final long CKR_ATTRIBUTE_VALUE_INVALID = 0x13;
  static final long CKR_DATA_INVALID = 0x20;
  static final long CKR_DATA_LEN_RANGE = 0x21;
  static final long CKR_DEVICE_ERROR = 0x30;
  static final long CKR_DEVICE_MEMORY = 0x31;
  static final long CKR_DEVICE_REMOVED = 0x32;
  static final long CKR_ENCRYPTED_DATA_INVALID = 0x40;
  static final long CKR_ENCRYPTED_DATA_LEN_RANGE = 0x41;
  static final long CKR_AEAD_DECRYPT_FAILED = 0x42;
  static final long CKR_FUNCTION_CANCELED = 0x50;
  static final long CKR_FUNCTION_NOT_SUPPORTED = 0x54;
  static final long CKR_KEY_HANDLE_INVALID = 0x60;
  static final long CKR_MECHANISM_INVALID = 0x70;
  static final long CKR_MECHANISM_PARAM_INVALID = 0x71;
  static final long CKR_OBJECT_HANDLE_INVALID = 0x82;
  static final long CKR_OPERATION_ACTIVE = 0x90;
  static final long CKR_PIN_INCORRECT = 0xa0;
  static final long CKR_PIN_INVALID = 0xa1;
  static final long CKR_PIN_LEN_RANGE = 0xa2;
  static final long CKR_PIN_EXPIRED = 0xa3;
  static final long CKR_PIN_LOCKED = 0xa4;
  static final long CKR_SESSION_CLOSED = 0xb0;
  static final long CKR_SESSION_COUNT = 0xb1;
  static final long CKR_SESSION_HANDLE_INVALID = 0xb3;
  static final long CKR_TEMPLATE_INCOMPLETE = 0xd0;
  static final long CKR_TEMPLATE_INCONSISTENT = 0xd1;
  static final long CKR_TOKEN_NOT_PRESENT = 0xe0;
  static final long CKR_TOKEN_NOT_RECOGNIZED = 0xe1;
  static final long CKR_USER_ALREADY_LOGGED_IN = 0x100;
  static final long CKR_USER_NOT_LOGGED_IN = 0x101;
  static final long CKR_USER_PIN_NOT_INITIALIZED = 0x102;
  static final long CKR_USER_TYPE_INVALID = 0x103;
  static final long CKR_USER_ANOTHER_ALREADY_LOGGED_IN = 0x104;
  static final long CKR_BUFFER_TOO_SMALL = 0x150;
  static final long CKR_CRYPTOKI_NOT_INITIALIZED = 0x190;
  static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;

  private static final Map<Long, String> NAMES =
      Map.ofEntries(
          Map.entry(CKR_OK, "CKR_OK"),
          Map.entry(CKR_HOST_MEMORY, "CKR_HOST_MEMORY"),
          Map.entry(CKR_SLOT_ID_INVALID, "CKR_SLOT_ID_INVALID"),
          Map.entry(CKR_GENERAL_ERROR, "CKR_GENERAL_ERROR"),
          Map.entry(CKR_FUNCTION_FAILED, "CKR_FUNCTION_FAILED"),
          Map.entry(CKR_ARGUMENTS_BAD, "CKR_ARGUMENTS_BAD"),
          Map.entry(CKR_ATTRIBUTE_TYPE_INVALID, "CKR_ATTRIBUTE_TYPE_INVALID"),
          Map.entry(CKR_ATTRIBUTE_VALUE_INVALID, "CKR_ATTRIBUTE_VALUE_INVALID"),
          Map.entry(CKR_DATA_INVALID, "CKR_DATA_INVALID"),
          Map.entry(CKR_DATA_LEN_RANGE, "CKR_DATA_LEN_RANGE"),
          Map.entry(CKR_DEVICE_ERROR, "CKR_DEVICE_ERROR"),
          Map.entry(CKR_DEVICE_MEMORY, "CKR_DEVICE_MEMORY"),
          Map.entry(CKR_DEVICE_REMOVED, "CKR_DEVICE_REMOVED"),
          Map.entry(CKR_ENCRYPTED_DATA_INVALID, "CKR_ENCRYPTED_DATA_INVALID"),
          Map.entry(CKR_ENCRYPTED_DATA_LEN_RANGE, "CKR_ENCRYPTED_DATA_LEN_RANGE"),
          Map.entry(CKR_AEAD_DECRYPT_FAILED, "CKR_AEAD_DECRYPT_FAILED"),
          Map.entry(CKR_FUNCTION_CANCELED, "CKR_FUNCTION_CANCELED"),
          Map.entry(CKR_FUNCTION_NOT_SUPPORTED, "CKR_FUNCTION_NOT_SUPPORTED"),
          Map.entry(CKR_KEY_HANDLE_INVALID, "CKR_KEY_HANDLE_INVALID"),
          Map.entry(CKR_MECHANISM_INVALID, "CKR_MECHANISM_INVALID"),
          Map.entry(CKR_MECHANISM_PARAM_INVALID, "CKR_MECHANISM_PARAM_INVALID"),
          Map.entry(CKR_OBJECT_HANDLE_INVALID, "CKR_OBJECT_HANDLE_INVALID"),
          Map.entry(CKR_OPERATION_ACTIVE, "CKR_OPERATION_ACTIVE"),
          Map.entry(CKR_PIN_INCORRECT, "CKR_PIN_INCORRECT"),
          Map.entry(CKR_PIN_INVALID, "CKR_PIN_INVALID"),
          Map.entry(CKR_PIN_LEN_RANGE, "CKR_PIN_LEN_RANGE"),
          Map.entry(CKR_PIN_EXPIRED, "CKR_PIN_EXPIRED"),
          Map.entry(CKR_PIN_LOCKED, "CKR_PIN_LOCKED"),
          Map.entry(CKR_SESSION_CLOSED, "CKR_SESSION_CLOSED"),
          Map.entry(CKR_SESSION_COUNT, "CKR_SESSION_COUNT"),
          Map.entry(CKR_SESSION_HANDLE_INVALID, "CKR_SESSION_HANDLE_INVALID"),
          Map.entry(CKR_TEMPLATE_INCOMPLETE, "CKR_TEMPLATE_INCOMPLETE"),
          Map.entry(CKR_TEMPLATE_INCONSISTENT, "CKR_TEMPLATE_INCONSISTENT"),
          Map.entry(CKR_TOKEN_NOT_PRESENT, "CKR_TOKEN_NOT_PRESENT"),
          Map.entry(CKR_TOKEN_NOT_RECOGNIZED, "CKR_TOKEN_NOT_RECOGNIZED"),
          Map.entry(CKR_USER_ALREADY_LOGGED_IN, "CKR_USER_ALREADY_LOGGED_IN"),
          Map.entry(CKR_USER_NOT_LOGGED_IN, "CKR_USER_NOT_LOGGED_IN"),
          Map.entry(CKR_USER_PIN_NOT_INITIALIZED, "CKR_USER_PIN_NOT_INITIALIZED"),
          Map.entry(CKR_USER_TYPE_INVALID, "CKR_USER_TYPE_INVALID"),
          Map.entry(CKR_USER_ANOTHER_ALREADY_LOGGED_IN, "CKR_USER_ANOTHER_ALREADY_LOGGED_IN"),
          Map.entry(CKR_BUFFER_TOO_SMALL, "CKR_BUFFER_TOO_SMALL"),
          Map.entry(CKR_CRYPTOKI_NOT_INITIALIZED, "CKR_CRYPTOKI_NOT_INITIALIZED"),
          Map.entry(CKR_CRYPTOKI_ALREADY_INITIALIZED, "CKR_CRYPTOKI_ALREADY_INITIALIZED"));

  private Ck() {}

  /** The symbolic name of a return value, or its hexadecimal value when it has no known name. */
  static String name(long returnValue) {
    String name = NAMES.get(returnValue);
    return name != null ? name : String.format("CKR_0x%08X", returnValue);
  }
}
