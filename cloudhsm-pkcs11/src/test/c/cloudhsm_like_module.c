/*
 * A PKCS#11 module for tests that behaves like AWS CloudHSM's for AES-GCM IVs and crypto-user
 * lockout, and passes everything else to SoftHSM2 (TARGET_LIBRARY, set when compiling).
 *
 * - CKM_AES_GCM: the caller's IV buffer must be all zeros (else CKR_MECHANISM_PARAM_INVALID); the
 *   module draws a random 12-byte IV, writes it into that buffer and encrypts under it.
 * - CKM_CLOUDHSM_AES_GCM (0x80001087): no IV buffer; encryption returns IV || ciphertext || tag and
 *   decryption takes the same layout.
 * - C_Login: after 5 wrong PINs on a token, every further login to it answers CKR_PIN_LOCKED, as an
 *   AWS CloudHSM crypto user is locked out (SoftHSM2 itself never locks).
 *
 * Only the functions the cks adapter calls are exported.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned long CK_ULONG;
typedef CK_ULONG CK_RV;
typedef unsigned char CK_BYTE;

typedef struct {
  CK_ULONG mechanism;
  void *pParameter;
  CK_ULONG ulParameterLen;
} CK_MECHANISM;

typedef struct {
  CK_BYTE *pIv;
  CK_ULONG ulIvLen;
  CK_ULONG ulIvBits;
  CK_BYTE *pAAD;
  CK_ULONG ulAADLen;
  CK_ULONG ulTagBits;
} CK_GCM_PARAMS;

#define CKR_OK 0x0UL
#define CKR_GENERAL_ERROR 0x5UL
#define CKR_ARGUMENTS_BAD 0x7UL
#define CKR_ENCRYPTED_DATA_LEN_RANGE 0x41UL
#define CKR_MECHANISM_PARAM_INVALID 0x71UL
#define CKR_PIN_INCORRECT 0xA0UL
#define CKR_PIN_LOCKED 0xA4UL
#define CKR_BUFFER_TOO_SMALL 0x150UL
#define CKM_AES_GCM 0x1087UL
#define CKM_CLOUDHSM_AES_GCM 0x80001087UL
#define IV_LEN 12
#define SLOTS 4096

static void *target;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Per-session state of CKM_CLOUDHSM_AES_GCM operations. */
static struct {
  CK_ULONG session;
  int active;
  CK_BYTE iv[IV_LEN];
  CK_ULONG key;
  CK_BYTE *aad;
  CK_ULONG aad_len;
  CK_ULONG tag_bits;
} ops[SLOTS];

__attribute__((constructor)) static void open_target(void) {
  target = dlopen(TARGET_LIBRARY, RTLD_NOW | RTLD_GLOBAL);
  if (!target) {
    fprintf(stderr, "cloudhsm_like_module: %s\n", dlerror());
    abort();
  }
}

static void *fn(const char *name) { return dlsym(target, name); }

#define FORWARD(name, params, args)                              \
  CK_RV name params {                                            \
    CK_RV(*target_fn) params = (CK_RV(*) params)fn(#name);       \
    return target_fn args;                                       \
  }

FORWARD(C_Initialize, (void *a), (a))
FORWARD(C_GetSlotList, (CK_BYTE p, CK_ULONG *l, CK_ULONG *c), (p, l, c))
FORWARD(C_GetTokenInfo, (CK_ULONG s, void *i), (s, i))
FORWARD(C_OpenSession, (CK_ULONG s, CK_ULONG f, void *a, void *n, CK_ULONG *h), (s, f, a, n, h))
FORWARD(C_CloseSession, (CK_ULONG h), (h))
FORWARD(C_GetSessionInfo, (CK_ULONG h, void *i), (h, i))
FORWARD(C_Logout, (CK_ULONG h), (h))
FORWARD(C_GenerateKey, (CK_ULONG h, void *m, void *t, CK_ULONG c, CK_ULONG *k), (h, m, t, c, k))
FORWARD(C_DestroyObject, (CK_ULONG h, CK_ULONG o), (h, o))
FORWARD(C_FindObjectsInit, (CK_ULONG h, void *t, CK_ULONG c), (h, t, c))
FORWARD(C_FindObjects, (CK_ULONG h, CK_ULONG *o, CK_ULONG m, CK_ULONG *c), (h, o, m, c))
FORWARD(C_FindObjectsFinal, (CK_ULONG h), (h))
FORWARD(C_GetAttributeValue, (CK_ULONG h, CK_ULONG o, void *t, CK_ULONG c), (h, o, t, c))

/* Failed logins per slot, for the lockout. */
static struct {
  CK_ULONG slot;
  int used;
  int failures;
} logins[64];

static int *failures_of(CK_ULONG slot) {
  for (int i = 0; i < 64; i++) {
    if (logins[i].used && logins[i].slot == slot) return &logins[i].failures;
  }
  for (int i = 0; i < 64; i++) {
    if (!logins[i].used) {
      logins[i].used = 1;
      logins[i].slot = slot;
      return &logins[i].failures;
    }
  }
  abort();
}

CK_RV C_Login(CK_ULONG session, CK_ULONG user, CK_BYTE *pin, CK_ULONG length) {
  CK_ULONG info[4];
  CK_RV rv = ((CK_RV(*)(CK_ULONG, void *))fn("C_GetSessionInfo"))(session, info);
  if (rv != CKR_OK) return rv;
  pthread_mutex_lock(&lock);
  int locked = *failures_of(info[0]) >= 5;
  pthread_mutex_unlock(&lock);
  if (locked) return CKR_PIN_LOCKED;
  rv = ((CK_RV(*)(CK_ULONG, CK_ULONG, CK_BYTE *, CK_ULONG))fn("C_Login"))(session, user, pin, length);
  pthread_mutex_lock(&lock);
  if (rv == CKR_PIN_INCORRECT) {
    (*failures_of(info[0]))++;
  } else if (rv == CKR_OK) {
    *failures_of(info[0]) = 0;
  }
  pthread_mutex_unlock(&lock);
  return rv;
}

typedef CK_RV (*init_fn)(CK_ULONG, CK_MECHANISM *, CK_ULONG);
typedef CK_RV (*crypt_fn)(CK_ULONG, CK_BYTE *, CK_ULONG, CK_BYTE *, CK_ULONG *);

static int random_iv(CK_BYTE *iv) {
  FILE *urandom = fopen("/dev/urandom", "rb");
  if (!urandom) return 0;
  size_t n = fread(iv, 1, IV_LEN, urandom);
  fclose(urandom);
  return n == IV_LEN;
}

static int all_zero(const CK_BYTE *bytes, CK_ULONG length) {
  CK_BYTE any = 0;
  for (CK_ULONG i = 0; i < length; i++) any |= bytes[i];
  return any == 0;
}

/* Starts the real CKM_AES_GCM operation with the given IV. */
static CK_RV start(const char *name, CK_ULONG session, const CK_GCM_PARAMS *given, CK_BYTE *iv,
                   CK_ULONG key) {
  CK_GCM_PARAMS params = *given;
  params.pIv = iv;
  params.ulIvLen = IV_LEN;
  params.ulIvBits = IV_LEN * 8;
  CK_MECHANISM real = {CKM_AES_GCM, &params, sizeof params};
  return ((init_fn)fn(name))(session, &real, key);
}

static CK_RV remember(CK_ULONG session, const CK_GCM_PARAMS *params, CK_ULONG key, CK_BYTE *iv) {
  pthread_mutex_lock(&lock);
  int i = (int)(session % SLOTS);
  free(ops[i].aad);
  ops[i].session = session;
  ops[i].active = 1;
  ops[i].key = key;
  ops[i].aad_len = params->ulAADLen;
  ops[i].aad = NULL;
  if (params->ulAADLen) {
    ops[i].aad = malloc(params->ulAADLen);
    memcpy(ops[i].aad, params->pAAD, params->ulAADLen);
  }
  ops[i].tag_bits = params->ulTagBits;
  if (iv) memcpy(ops[i].iv, iv, IV_LEN);
  pthread_mutex_unlock(&lock);
  return CKR_OK;
}

static int take(CK_ULONG session, CK_BYTE *iv, CK_GCM_PARAMS *params, CK_ULONG *key) {
  int found = 0;
  pthread_mutex_lock(&lock);
  int i = (int)(session % SLOTS);
  if (ops[i].active && ops[i].session == session) {
    found = 1;
    memcpy(iv, ops[i].iv, IV_LEN);
    memset(params, 0, sizeof *params);
    params->pAAD = ops[i].aad;
    params->ulAADLen = ops[i].aad_len;
    params->ulTagBits = ops[i].tag_bits;
    *key = ops[i].key;
    ops[i].active = 0;
  }
  pthread_mutex_unlock(&lock);
  return found;
}

CK_RV C_EncryptInit(CK_ULONG session, CK_MECHANISM *mechanism, CK_ULONG key) {
  if (!mechanism || !mechanism->pParameter) return ((init_fn)fn("C_EncryptInit"))(session, mechanism, key);
  CK_GCM_PARAMS *params = mechanism->pParameter;
  if (mechanism->mechanism == CKM_AES_GCM) {
    if (!params->pIv || params->ulIvLen != IV_LEN || !all_zero(params->pIv, IV_LEN)) {
      return CKR_MECHANISM_PARAM_INVALID;
    }
    if (!random_iv(params->pIv)) return CKR_GENERAL_ERROR;
    return start("C_EncryptInit", session, params, params->pIv, key);
  }
  if (mechanism->mechanism == CKM_CLOUDHSM_AES_GCM) {
    if (params->pIv) return CKR_MECHANISM_PARAM_INVALID;
    CK_BYTE iv[IV_LEN];
    if (!random_iv(iv)) return CKR_GENERAL_ERROR;
    CK_RV rv = start("C_EncryptInit", session, params, iv, key);
    if (rv == CKR_OK) remember(session, params, key, iv);
    return rv;
  }
  return ((init_fn)fn("C_EncryptInit"))(session, mechanism, key);
}

CK_RV C_Encrypt(CK_ULONG session, CK_BYTE *data, CK_ULONG length, CK_BYTE *out, CK_ULONG *out_length) {
  CK_BYTE iv[IV_LEN];
  CK_GCM_PARAMS unused;
  CK_ULONG key;
  if (!take(session, iv, &unused, &key)) {
    return ((crypt_fn)fn("C_Encrypt"))(session, data, length, out, out_length);
  }
  if (!out || *out_length < IV_LEN) return CKR_BUFFER_TOO_SMALL;
  CK_ULONG room = *out_length - IV_LEN;
  CK_RV rv = ((crypt_fn)fn("C_Encrypt"))(session, data, length, out + IV_LEN, &room);
  if (rv == CKR_OK) {
    memcpy(out, iv, IV_LEN);
    *out_length = room + IV_LEN;
  }
  return rv;
}

CK_RV C_DecryptInit(CK_ULONG session, CK_MECHANISM *mechanism, CK_ULONG key) {
  if (mechanism && mechanism->mechanism == CKM_CLOUDHSM_AES_GCM && mechanism->pParameter) {
    CK_GCM_PARAMS *params = mechanism->pParameter;
    if (params->pIv) return CKR_MECHANISM_PARAM_INVALID;
    return remember(session, params, key, NULL);
  }
  return ((init_fn)fn("C_DecryptInit"))(session, mechanism, key);
}

CK_RV C_Decrypt(CK_ULONG session, CK_BYTE *data, CK_ULONG length, CK_BYTE *out, CK_ULONG *out_length) {
  CK_BYTE unused_iv[IV_LEN];
  CK_GCM_PARAMS params;
  CK_ULONG key;
  if (!take(session, unused_iv, &params, &key)) {
    return ((crypt_fn)fn("C_Decrypt"))(session, data, length, out, out_length);
  }
  if (length < IV_LEN) {
    free(params.pAAD);
    return CKR_ENCRYPTED_DATA_LEN_RANGE;
  }
  CK_RV rv = start("C_DecryptInit", session, &params, data, key);
  if (rv == CKR_OK) {
    rv = ((crypt_fn)fn("C_Decrypt"))(session, data + IV_LEN, length - IV_LEN, out, out_length);
  }
  return rv;
}
