package dev.cks.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cks.ConnectionState;
import dev.cks.Secret;
import dev.cks.ValidationException;
import dev.cks.Violation;
import dev.cks.cloudhsm.AesKey;
import dev.cks.cloudhsm.CryptoUserSession;
import dev.cks.cloudhsm.GcmCiphertext;
import dev.cks.cloudhsm.HsmException;
import dev.cks.errors.CustomKeyStoreInvalidStateException;
import dev.cks.errors.InvalidCiphertextException;
import dev.cks.errors.KMSInvalidStateException;
import dev.cks.errors.KmsException;
import dev.cks.errors.NotFoundException;
import dev.cks.errors.UnsupportedOperationException;
import dev.cks.errors.XksKeyAlreadyInUseException;
import dev.cks.errors.XksKeyInvalidConfigurationException;
import dev.cks.errors.XksKeyNotFoundException;
import dev.cks.local.ClusterProbe.ClusterFacts;
import dev.cks.local.Database.Row;
import dev.cks.local.Database.Table;
import dev.cks.xks.XksDecryptRequest;
import dev.cks.xks.XksEncryptRequest;
import dev.cks.xks.XksEncryptResponse;
import dev.cks.xks.XksKeyMetadata;
import dev.cks.xks.XksProxyException;
import dev.cks.xks.XksProxyInvalidCiphertextException;
import dev.cks.xks.XksProxyKeyNotFoundException;
import dev.cks.xks.XksRequestMetadata;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.spec.SecretKeySpec;

/**
 * The KMS keys in custom key stores: creating them, using them, and scheduling their deletion.
 *
 * <p>A key in an external key store is encrypted twice, as KMS does: first under key material that
 * KMS keeps (here sealed in the database), then under the external key through the proxy. A key in
 * a CloudHSM key store lives in the cluster, labelled with its ARN; encryption happens there.
 *
 * <p>Ciphertext blobs hold a format byte, the kind of store, the key id and the encrypted payload;
 * the encryption context is bound to them as associated data and is not stored.
 */
final class LocalKeys {

  private static final byte FORMAT = 1;
  private static final byte EXTERNAL = 'X';
  private static final byte CLOUD_HSM = 'H';
  private static final int KEY_ID_LENGTH = 36;
  private static final int IV_BYTES = AesGcm.IV_BYTES;
  private static final int TAG_BYTES = AesGcm.TAG_BYTES;
  private static final int MAX_PLAINTEXT = 4096;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String ARN = "arn";
  private static final String STORE = "CustomKeyStoreId";
  private static final String ORIGIN = "Origin";
  private static final String XKS_KEY_ID = "XksKeyId";
  private static final String STATE = "KeyState";
  private static final String CREATED = "CreationDate";
  private static final String DELETION = "DeletionDate";
  private static final String DESCRIPTION = "Description";
  private static final String MATERIAL = "material";

  private final Database database;
  private final Clock clock;
  private final String region;
  private final String accountId;
  private final StoreRules rules;
  private final ClusterProbe clusters;
  private final XksClientProbe.XksClients proxies;
  private final SecureRandom random = new SecureRandom();

  LocalKeys(
      Database database,
      Clock clock,
      String region,
      String accountId,
      StoreRules rules,
      ClusterProbe clusters,
      XksClientProbe.XksClients proxies) {
    this.database = database;
    this.clock = clock;
    this.region = region;
    this.accountId = accountId;
    this.rules = rules;
    this.clusters = clusters;
    this.proxies = proxies;
  }

  // ---- CreateKey

  KmsKey create(CreateKeyRequest request, StoredStore store) {
    if (store.state() != ConnectionState.CONNECTED) {
      throw new CustomKeyStoreInvalidStateException(
          "CreateKey needs custom key store "
              + store.id()
              + " CONNECTED; it is "
              + store.state()
              + ".");
    }
    boolean wantsHsm = request.origin().equals("AWS_CLOUDHSM");
    if (wantsHsm != store.isCloudHsm()) {
      throw new UnsupportedOperationException(
          "Origin "
              + request.origin()
              + " does not match custom key store "
              + store.id()
              + ", which is "
              + store.type()
              + ".");
    }
    String keyId = UUID.randomUUID().toString();
    String arn = "arn:aws:kms:" + region + ":" + accountId + ":key/" + keyId;
    Map<String, String> attributes = new HashMap<>();
    attributes.put(ARN, arn);
    attributes.put(STORE, store.id());
    attributes.put(ORIGIN, request.origin());
    attributes.put(STATE, "Enabled");
    attributes.put(CREATED, Long.toString(clock.millis()));
    attributes.put(DESCRIPTION, request.description());
    Map<String, Secret> secrets = new HashMap<>();
    if (store.isCloudHsm()) {
      createInCluster(store, arn);
    } else {
      String xksKeyId = request.xksKeyId().orElseThrow();
      checkNotInUse(store, xksKeyId);
      checkExternalKey(store, xksKeyId, arn);
      attributes.put(XKS_KEY_ID, xksKeyId);
      byte[] material = new byte[32];
      random.nextBytes(material);
      secrets.put(MATERIAL, Secret.ofBytes(material));
      Arrays.fill(material, (byte) 0);
    }
    Row row =
        database.write(
            tx -> {
              if (!store.isCloudHsm()) {
                checkNotInUse(tx, store, request.xksKeyId().get());
              }
              return tx.insertKey(keyId, store.id(), attributes, secrets);
            });
    return metadata(row, store);
  }

  private void createInCluster(StoredStore store, String arn) {
    ClusterFacts cluster =
        clusters
            .cluster(store.property(StoredStore.CLUSTER_ID).orElseThrow())
            .orElseThrow(() -> notUsable(store, "its cluster was not found"));
    StoreRules.requireTwoZones(cluster);
    CryptoUserSession session = session(store, CustomKeyStoreInvalidStateException::new);
    try {
      session.generateKey(arn);
    } catch (HsmException e) {
      throw new CustomKeyStoreInvalidStateException(
          "The cluster of custom key store " + store.id() + " could not make the key.", null, null);
    }
  }

  private void checkNotInUse(StoredStore store, String xksKeyId) {
    database.read(
        tx -> {
          checkNotInUse(tx, store, xksKeyId);
          return null;
        });
  }

  private static void checkNotInUse(Database.Transaction tx, StoredStore store, String xksKeyId)
      throws SQLException {
    for (Row key : tx.keysOf(store.id())) {
      if (xksKeyId.equals(key.attributes().get(XKS_KEY_ID))) {
        throw new XksKeyAlreadyInUseException(
            "External key "
                + xksKeyId
                + " already backs KMS key "
                + key.attributes().get(ARN)
                + " in custom key store "
                + store.id()
                + ".");
      }
    }
  }

  private void checkExternalKey(StoredStore store, String xksKeyId, String arn) {
    XksKeyMetadata metadata;
    try {
      metadata =
          proxies.shared(target(store)).keyMetadata(xksKeyId, requestMetadata("CreateKey", arn));
    } catch (XksProxyKeyNotFoundException e) {
      throw new XksKeyNotFoundException(
          "The external key store proxy of "
              + store.id()
              + " does not know the external key "
              + xksKeyId
              + ".");
    } catch (XksProxyException e) {
      throw new CustomKeyStoreInvalidStateException(
          "The external key store proxy of "
              + store.id()
              + " failed: "
              + XksClientProbe.failureOf(e).toString().toLowerCase(java.util.Locale.ROOT)
              + ".",
          null,
          null);
    }
    List<String> problems = new ArrayList<>();
    if (!metadata.keySpec().equals("AES_256")) {
      problems.add("its key spec is " + metadata.keySpec() + ", not AES_256");
    }
    if (!metadata.keyUsage().containsAll(List.of("ENCRYPT", "DECRYPT"))) {
      problems.add("its usage is " + metadata.keyUsage() + ", not ENCRYPT and DECRYPT");
    }
    if (!metadata.keyStatus().equals("ENABLED")) {
      problems.add("its status is " + metadata.keyStatus() + ", not ENABLED");
    }
    if (!problems.isEmpty()) {
      throw new XksKeyInvalidConfigurationException(
          "External key "
              + xksKeyId
              + " cannot back a KMS key: "
              + String.join("; ", problems)
              + ".");
    }
  }

  // ---- DescribeKey and deletion

  KmsKey describe(String keyIdOrArn, StoreLookup stores) {
    Row row = find(keyIdOrArn);
    return metadata(row, stores.find(row.attribute(STORE)));
  }

  KmsKey scheduleDeletion(String keyIdOrArn, int pendingWindowInDays, StoreLookup stores) {
    if (pendingWindowInDays < 7 || pendingWindowInDays > 30) {
      throw new ValidationException(
          List.of(
              Violation.of(
                  "PendingWindowInDays",
                  "must be between 7 and 30",
                  Integer.toString(pendingWindowInDays))));
    }
    Row row = find(keyIdOrArn);
    if (row.attribute(STATE).equals("PendingDeletion")) {
      throw new KMSInvalidStateException(
          "KMS key " + row.attribute(ARN) + " is already pending deletion.");
    }
    Instant deletion = clock.instant().plus(Duration.ofDays(pendingWindowInDays));
    Map<String, String> attributes = new HashMap<>(row.attributes());
    attributes.put(STATE, "PendingDeletion");
    attributes.put(DELETION, Long.toString(deletion.toEpochMilli()));
    database.write(
        tx -> {
          tx.updateKey(row.id(), attributes, row.secrets());
          return null;
        });
    return describe(row.id(), stores);
  }

  /**
   * Deletes the keys whose waiting period has passed, and their material in the cluster where it
   * can be reached.
   */
  void purgeExpired() {
    long now = clock.millis();
    List<Row> expired =
        database.read(
            tx -> {
              List<Row> due = new ArrayList<>();
              for (Row key : tx.page(Table.KEYS, 0, Integer.MAX_VALUE)) {
                String deletion = key.attributes().get(DELETION);
                if (deletion != null && Long.parseLong(deletion) <= now) {
                  due.add(key);
                }
              }
              return due;
            });
    for (Row key : expired) {
      if (key.attribute(ORIGIN).equals("AWS_CLOUDHSM")) {
        clusters
            .session(key.attribute(STORE))
            .ifPresent(
                session -> session.findKey(key.attribute(ARN)).ifPresent(session::destroyKey));
      }
      database.write(
          tx -> {
            if (tx.find(Table.KEYS, key.id()).isPresent()) {
              tx.delete(Table.KEYS, key.id());
            }
            return null;
          });
    }
  }

  // ---- Encrypt, Decrypt, GenerateDataKey

  byte[] encrypt(
      String keyIdOrArn, byte[] plaintext, Map<String, String> context, StoreLookup stores) {
    if (plaintext.length < 1 || plaintext.length > MAX_PLAINTEXT) {
      throw new ValidationException(
          List.of(
              Violation.described(
                  "Plaintext", "must be 1 to 4096 bytes", plaintext.length + " bytes")));
    }
    Row key = find(keyIdOrArn);
    StoredStore store = usable(key, stores);
    byte[] aad = associatedData(key.id(), context);
    byte[] payload =
        key.attribute(ORIGIN).equals("AWS_CLOUDHSM")
            ? encryptInCluster(key, store, plaintext, aad)
            : encryptExternally(key, store, plaintext, aad);
    byte[] header =
        header(key, key.attribute(ORIGIN).equals("AWS_CLOUDHSM") ? CLOUD_HSM : EXTERNAL);
    return ByteBuffer.allocate(header.length + payload.length).put(header).put(payload).array();
  }

  Decrypted decrypt(
      byte[] blob, Map<String, String> context, Optional<String> expectedKey, StoreLookup stores) {
    if (blob.length < 2 + KEY_ID_LENGTH + IV_BYTES + TAG_BYTES || blob[0] != FORMAT) {
      throw invalidCiphertext();
    }
    String keyId = new String(blob, 2, KEY_ID_LENGTH, StandardCharsets.US_ASCII);
    Optional<Row> found = database.read(tx -> tx.find(Table.KEYS, keyId));
    if (found.isEmpty()) {
      throw invalidCiphertext();
    }
    Row key = found.get();
    if (expectedKey.isPresent()
        && !expectedKey.get().equals(key.id())
        && !expectedKey.get().equals(key.attribute(ARN))) {
      throw new dev.cks.errors.IncorrectKeyException(
          "The ciphertext was not encrypted under KMS key " + expectedKey.get() + ".");
    }
    StoredStore store = usable(key, stores);
    byte[] aad = associatedData(key.id(), context);
    byte[] payload = Arrays.copyOfRange(blob, 2 + KEY_ID_LENGTH, blob.length);
    byte kind = blob[1];
    byte[] plaintext;
    if (kind == CLOUD_HSM && key.attribute(ORIGIN).equals("AWS_CLOUDHSM")) {
      plaintext = decryptInCluster(key, store, payload, aad);
    } else if (kind == EXTERNAL && key.attribute(ORIGIN).equals("EXTERNAL_KEY_STORE")) {
      plaintext = decryptExternally(key, store, payload, aad);
    } else {
      throw invalidCiphertext();
    }
    try {
      return new Decrypted(key.attribute(ARN), Secret.ofBytes(plaintext));
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  DataKey generateDataKey(
      String keyIdOrArn, int numberOfBytes, Map<String, String> context, StoreLookup stores) {
    if (numberOfBytes < 1 || numberOfBytes > 1024) {
      throw new ValidationException(
          List.of(
              Violation.of("NumberOfBytes", "must be 1 to 1024", Integer.toString(numberOfBytes))));
    }
    byte[] dataKey = new byte[numberOfBytes];
    random.nextBytes(dataKey);
    try {
      byte[] blob = encrypt(keyIdOrArn, dataKey, context, stores);
      return new DataKey(find(keyIdOrArn).attribute(ARN), Secret.ofBytes(dataKey), blob);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  private byte[] encryptInCluster(Row key, StoredStore store, byte[] plaintext, byte[] aad) {
    CryptoUserSession session = session(store, KMSInvalidStateException::new);
    AesKey material =
        session
            .findKey(key.attribute(ARN))
            .orElseThrow(() -> notUsable(key, "its key material is missing from the cluster"));
    try {
      return session.encrypt(material, plaintext, aad).toBytes();
    } catch (HsmException e) {
      throw notUsable(key, "its cluster could not encrypt");
    }
  }

  private byte[] decryptInCluster(Row key, StoredStore store, byte[] payload, byte[] aad) {
    CryptoUserSession session = session(store, KMSInvalidStateException::new);
    AesKey material =
        session
            .findKey(key.attribute(ARN))
            .orElseThrow(() -> notUsable(key, "its key material is missing from the cluster"));
    GcmCiphertext ciphertext;
    try {
      ciphertext = GcmCiphertext.fromBytes(payload);
    } catch (IllegalArgumentException e) {
      throw invalidCiphertext();
    }
    try {
      return session.decrypt(material, ciphertext, aad);
    } catch (HsmException e) {
      throw invalidCiphertext();
    }
  }

  private byte[] encryptExternally(Row key, StoredStore store, byte[] plaintext, byte[] aad) {
    byte[] inner = seal(material(key), plaintext, aad);
    XksEncryptResponse outer;
    try {
      outer =
          proxies
              .shared(target(store))
              .encrypt(
                  XksEncryptRequest.builder(
                          key.attribute(XKS_KEY_ID), requestMetadata("Encrypt", key.attribute(ARN)))
                      .plaintext(inner)
                      .additionalAuthenticatedData(digest(aad))
                      .requestIntegrityValue(true)
                      .build());
    } catch (XksProxyException e) {
      throw proxyFailure(key, e);
    }
    byte[] iv = outer.initializationVector();
    byte[] metadata = outer.ciphertextMetadata().orElse(new byte[0]);
    if ((iv.length != 12 && iv.length != 16)
        || outer.authenticationTag().length != TAG_BYTES
        || metadata.length > 20) {
      throw notUsable(key, "its external key store proxy answered with an unusable ciphertext");
    }
    return ByteBuffer.allocate(
            2 + iv.length + TAG_BYTES + metadata.length + outer.ciphertext().length)
        .put((byte) iv.length)
        .put(iv)
        .put(outer.authenticationTag())
        .put((byte) metadata.length)
        .put(metadata)
        .put(outer.ciphertext())
        .array();
  }

  private byte[] decryptExternally(Row key, StoredStore store, byte[] payload, byte[] aad) {
    ByteBuffer in = ByteBuffer.wrap(payload);
    int ivLength = in.get() & 0xff;
    if ((ivLength != 12 && ivLength != 16) || in.remaining() < ivLength + TAG_BYTES + 1) {
      throw invalidCiphertext();
    }
    byte[] iv = new byte[ivLength];
    byte[] tag = new byte[TAG_BYTES];
    in.get(iv).get(tag);
    int metadataLength = in.get() & 0xff;
    if (metadataLength > 20 || in.remaining() < metadataLength) {
      throw invalidCiphertext();
    }
    byte[] metadata = new byte[metadataLength];
    in.get(metadata);
    byte[] ciphertext = new byte[in.remaining()];
    in.get(ciphertext);
    byte[] inner;
    try {
      inner =
          proxies
              .shared(target(store))
              .decrypt(
                  XksDecryptRequest.builder(
                          key.attribute(XKS_KEY_ID), requestMetadata("Decrypt", key.attribute(ARN)))
                      .ciphertext(ciphertext)
                      .initializationVector(iv)
                      .authenticationTag(tag)
                      .ciphertextMetadata(metadataLength == 0 ? null : metadata)
                      .additionalAuthenticatedData(digest(aad))
                      .build())
              .plaintext();
    } catch (XksProxyInvalidCiphertextException e) {
      throw invalidCiphertext();
    } catch (XksProxyException e) {
      throw proxyFailure(key, e);
    }
    return open(material(key), inner, aad);
  }

  // ---- helpers

  /** Finds stores for the key operations. */
  @FunctionalInterface
  interface StoreLookup {
    StoredStore find(String customKeyStoreId);
  }

  private Row find(String keyIdOrArn) {
    purgeExpired();
    String keyId =
        keyIdOrArn.startsWith("arn:")
            ? keyIdOrArn.substring(keyIdOrArn.lastIndexOf('/') + 1)
            : keyIdOrArn;
    return database
        .read(tx -> tx.find(Table.KEYS, keyId))
        .orElseThrow(() -> new NotFoundException("Key '" + keyIdOrArn + "' does not exist."));
  }

  private StoredStore usable(Row key, StoreLookup stores) {
    if (key.attribute(STATE).equals("PendingDeletion")) {
      throw new KMSInvalidStateException("KMS key " + key.attribute(ARN) + " is pending deletion.");
    }
    StoredStore store = stores.find(key.attribute(STORE));
    if (store.state() != ConnectionState.CONNECTED) {
      throw notUsable(
          key, "its custom key store " + store.id() + " is " + store.state() + ", not CONNECTED");
    }
    return store;
  }

  private KmsKey metadata(Row row, StoredStore store) {
    String state = row.attribute(STATE);
    if (!state.equals("PendingDeletion") && store.state() != ConnectionState.CONNECTED) {
      state = "Unavailable";
    }
    return new KmsKey(
        row.id(),
        row.attribute(ARN),
        store.id(),
        row.attribute(ORIGIN),
        store.isCloudHsm() ? store.property(StoredStore.CLUSTER_ID) : Optional.empty(),
        Optional.ofNullable(row.attributes().get(XKS_KEY_ID)),
        state,
        Instant.ofEpochMilli(Long.parseLong(row.attribute(CREATED))),
        Optional.ofNullable(row.attributes().get(DELETION))
            .map(millis -> Instant.ofEpochMilli(Long.parseLong(millis))),
        row.attributes().getOrDefault(DESCRIPTION, ""));
  }

  private CryptoUserSession session(
      StoredStore store, java.util.function.Function<String, KmsException> failure) {
    return clusters
        .session(store.id())
        .orElseThrow(
            () ->
                failure.apply(
                    "Custom key store "
                        + store.id()
                        + " is connected but holds no login to its cluster; disconnect and"
                        + " connect it again."));
  }

  private ProxyTarget target(StoredStore store) {
    return rules
        .proxyTarget(store)
        .orElseThrow(() -> notUsable(store, "its VPC endpoint service is gone"));
  }

  private static byte[] header(Row key, byte kind) {
    byte[] header = new byte[2 + KEY_ID_LENGTH];
    header[0] = FORMAT;
    header[1] = kind;
    byte[] id = key.id().getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(id, 0, header, 2, KEY_ID_LENGTH);
    return header;
  }

  private static byte[] associatedData(String keyId, Map<String, String> context) {
    try {
      return (keyId + "\n" + JSON.writeValueAsString(new TreeMap<>(context)))
          .getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the encryption context", e);
    }
  }

  private static byte[] digest(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static byte[] material(Row key) {
    return key.secrets().get(MATERIAL).revealBytes();
  }

  private byte[] seal(byte[] material, byte[] plaintext, byte[] aad) {
    try {
      return AesGcm.seal(new SecretKeySpec(material, "AES"), random, plaintext, aad, 0);
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  private static byte[] open(byte[] material, byte[] sealed, byte[] aad) {
    try {
      return AesGcm.open(new SecretKeySpec(material, "AES"), sealed, 0, aad);
    } catch (AEADBadTagException e) {
      throw invalidCiphertext();
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  private XksRequestMetadata requestMetadata(String operation, String arn) {
    return XksRequestMetadata.builder()
        .kmsOperation(operation)
        .kmsKeyArn(arn)
        .awsPrincipalArn("arn:aws:iam::" + accountId + ":root")
        .build();
  }

  private static InvalidCiphertextException invalidCiphertext() {
    return new InvalidCiphertextException("Decryption failed.");
  }

  private static KMSInvalidStateException notUsable(Row key, String why) {
    return new KMSInvalidStateException(
        "KMS key " + key.attribute(ARN) + " cannot be used now: " + why + ".");
  }

  private static CustomKeyStoreInvalidStateException notUsable(StoredStore store, String why) {
    return new CustomKeyStoreInvalidStateException(
        "Custom key store " + store.id() + " cannot be used now: " + why + ".");
  }

  private static KMSInvalidStateException proxyFailure(Row key, XksProxyException e) {
    return notUsable(
        key,
        "its external key store proxy failed ("
            + XksClientProbe.failureOf(e).connectionErrorCode()
            + ")");
  }
}
