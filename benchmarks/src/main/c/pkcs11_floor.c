/*
 * The native floor of Pkcs11Benchmark: what a PKCS#11 module itself spends on one 4 KiB AES-GCM
 * encryption (C_EncryptInit and C_Encrypt, a 12-byte IV, 32 bytes of AAD, a 16-byte tag) under a
 * persistent, private, sensitive AES-256 key, logged in as the normal user, with no Java around.
 * It also times C_Login plus C_Logout.
 *
 *   gcc -O2 -o /tmp/pkcs11_floor benchmarks/src/main/c/pkcs11_floor.c -ldl
 *   /tmp/pkcs11_floor MODULE TOKEN_LABEL PIN ITERATIONS ROUNDS
 *
 * The token must exist (softhsm2-util --init-token); each run adds one key to it. With the
 * environment variable SESSION_KEY set, the key is a session object instead, which shows what the
 * module spends on finding and checking a persistent object.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef unsigned long ulong_t;
typedef struct { ulong_t type; void *parameter; ulong_t length; } mechanism_t;
typedef struct {
  unsigned char *iv;
  ulong_t iv_length;
  ulong_t iv_bits;
  unsigned char *aad;
  ulong_t aad_length;
  ulong_t tag_bits;
} gcm_params_t;
typedef struct { ulong_t type; void *value; ulong_t length; } attribute_t;
typedef struct { void *create, *destroy, *lock, *unlock; ulong_t flags; void *reserved; } init_args_t;

typedef ulong_t (*initialize_f)(void *);
typedef ulong_t (*slot_list_f)(unsigned char, ulong_t *, ulong_t *);
typedef ulong_t (*token_info_f)(ulong_t, unsigned char *);
typedef ulong_t (*open_session_f)(ulong_t, ulong_t, void *, void *, ulong_t *);
typedef ulong_t (*login_f)(ulong_t, ulong_t, unsigned char *, ulong_t);
typedef ulong_t (*logout_f)(ulong_t);
typedef ulong_t (*generate_key_f)(ulong_t, mechanism_t *, attribute_t *, ulong_t, ulong_t *);
typedef ulong_t (*crypt_init_f)(ulong_t, mechanism_t *, ulong_t);
typedef ulong_t (*crypt_f)(ulong_t, unsigned char *, ulong_t, unsigned char *, ulong_t *);

static void *module;

static void *function(const char *name) {
  void *symbol = dlsym(module, name);
  if (symbol == NULL) {
    fprintf(stderr, "the module has no %s\n", name);
    exit(2);
  }
  return symbol;
}

static void check(const char *name, ulong_t rv) {
  if (rv != 0) {
    fprintf(stderr, "%s returned 0x%lx\n", name, rv);
    exit(1);
  }
}

static double micros(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return now.tv_sec * 1e6 + now.tv_nsec / 1e3;
}

static int ascending(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static ulong_t find_slot(const char *label) {
  ulong_t slots[256], count = 256;
  check("C_GetSlotList", ((slot_list_f)function("C_GetSlotList"))(1, slots, &count));
  size_t length = strlen(label);
  for (ulong_t i = 0; i < count; i++) {
    unsigned char info[512];
    if (((token_info_f)function("C_GetTokenInfo"))(slots[i], info) != 0) continue;
    if (length <= 32 && memcmp(info, label, length) == 0 && (length == 32 || info[length] == ' ')) {
      return slots[i];
    }
  }
  fprintf(stderr, "no token is labelled %s\n", label);
  exit(1);
}

int main(int argc, char **argv) {
  if (argc != 6) {
    fprintf(stderr, "usage: %s MODULE TOKEN_LABEL PIN ITERATIONS ROUNDS\n", argv[0]);
    return 2;
  }
  module = dlopen(argv[1], RTLD_NOW);
  if (module == NULL) {
    fprintf(stderr, "%s\n", dlerror());
    return 2;
  }
  int iterations = atoi(argv[4]), rounds = atoi(argv[5]);
  if (iterations < 1 || rounds < 1) {
    fprintf(stderr, "ITERATIONS and ROUNDS must be positive\n");
    return 2;
  }
  init_args_t init = {0};
  init.flags = 0x2; /* CKF_OS_LOCKING_OK */
  check("C_Initialize", ((initialize_f)function("C_Initialize"))(&init));
  ulong_t slot = find_slot(argv[2]);

  /* One session for the encryptions, one held for login and logout, as the adapter does. */
  ulong_t session, held;
  open_session_f open_session = (open_session_f)function("C_OpenSession");
  check("C_OpenSession", open_session(slot, 0x6, NULL, NULL, &session));
  check("C_OpenSession", open_session(slot, 0x6, NULL, NULL, &held));
  login_f login = (login_f)function("C_Login");
  logout_f logout = (logout_f)function("C_Logout");
  unsigned char *pin = (unsigned char *)argv[3];
  ulong_t pin_length = strlen(argv[3]);

  int logins = 100;
  double start = micros();
  for (int i = 0; i < logins; i++) {
    check("C_Login", login(held, 1, pin, pin_length));
    check("C_Logout", logout(held));
  }
  printf("C_Login + C_Logout: %.1f us/op (%d ops)\n", (micros() - start) / logins, logins);
  check("C_Login", login(held, 1, pin, pin_length));

  ulong_t key_class = 4, key_type = 0x1f, key_length = 32, key;
  unsigned char yes = 1, no = 0, persistent = getenv("SESSION_KEY") == NULL;
  char label[64];
  snprintf(label, sizeof label, "pkcs11-floor-%ld", (long)micros());
  attribute_t template[] = {
      {0x0, &key_class, sizeof key_class}, {0x100, &key_type, sizeof key_type},
      {0x161, &key_length, sizeof key_length}, {0x1, &persistent, 1},
      {0x2, &yes, 1}, {0x103, &yes, 1}, {0x162, &no, 1}, {0x104, &yes, 1},
      {0x105, &yes, 1}, {0x3, label, strlen(label)}};
  mechanism_t generate = {0x1080, NULL, 0}; /* CKM_AES_KEY_GEN */
  check("C_GenerateKey",
        ((generate_key_f)function("C_GenerateKey"))(session, &generate, template, 10, &key));

  crypt_init_f encrypt_init = (crypt_init_f)function("C_EncryptInit");
  crypt_f encrypt = (crypt_f)function("C_Encrypt");
  static unsigned char plaintext[4096], ciphertext[4096 + 16], aad[32], iv[12];
  for (int i = 0; i < (int)sizeof plaintext; i++) plaintext[i] = (unsigned char)(i * 7);
  double *per_op = malloc(sizeof(double) * rounds);
  double init_sum = 0, encrypt_sum = 0;
  for (int round = -3; round < rounds; round++) { /* three rounds of warm-up */
    double round_start = micros(), init_time = 0, encrypt_time = 0;
    for (int i = 0; i < iterations; i++) {
      memcpy(iv, &i, sizeof i);
      iv[11] = (unsigned char)(round + 3);
      gcm_params_t params = {iv, 12, 96, aad, sizeof aad, 128};
      mechanism_t gcm = {0x1087, &params, sizeof params}; /* CKM_AES_GCM */
      double before = micros();
      check("C_EncryptInit", encrypt_init(session, &gcm, key));
      double between = micros();
      ulong_t out_length = sizeof ciphertext;
      check("C_Encrypt", encrypt(session, plaintext, sizeof plaintext, ciphertext, &out_length));
      double after = micros();
      init_time += between - before;
      encrypt_time += after - between;
    }
    if (round >= 0) {
      per_op[round] = (micros() - round_start) / iterations;
      init_sum += init_time / iterations;
      encrypt_sum += encrypt_time / iterations;
    }
  }
  qsort(per_op, rounds, sizeof(double), ascending);
  double sum = 0;
  for (int i = 0; i < rounds; i++) sum += per_op[i];
  printf("4 KiB AES-GCM encrypt (%s key): mean %.2f us/op, min %.2f, median %.2f, max %.2f"
         " (%d rounds of %d)\n",
         persistent ? "persistent" : "session", sum / rounds, per_op[0], per_op[rounds / 2],
         per_op[rounds - 1], rounds, iterations);
  printf("  C_EncryptInit %.2f us, C_Encrypt %.2f us\n", init_sum / rounds, encrypt_sum / rounds);
  return 0;
}
