package dev.cks.local;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cks.xks.CiphertextIntegrity;
import dev.cks.xks.XksErrorName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.Base64;

/** The four operations of the XKS proxy API, from a validated body to a compact JSON answer. */
final class Operations {

  private static final JsonFactory JSON = new JsonFactory();
  private static final Base64.Encoder BASE64 = Base64.getEncoder();
  private static final int IV_BYTES = 12;
  private static final int TAG_BYTES = 16;

  private final String proxyModel;
  private final int maxPlaintextBytes;
  private final int maxAadBytes;

  Operations(String proxyModel, int maxPlaintextBytes, int maxAadBytes) {
    this.proxyModel = proxyModel;
    this.maxPlaintextBytes = maxPlaintextBytes;
    this.maxAadBytes = maxAadBytes;
  }

  byte[] health(ProxyKeyStore store, RequestBody body) {
    body.requireMetadata("kmsOperation", "kmsRequestId");
    KeySourceHealth health = store.health().current();
    return write(
        json -> {
          json.writeNumberField("xksProxyFleetSize", 1);
          json.writeStringField("xksProxyVendor", "cks");
          json.writeStringField("xksProxyModel", proxyModel);
          json.writeStringField("ekmVendor", health.ekmVendor());
          json.writeArrayFieldStart("ekmFleetDetails");
          for (KeySourceHealth.Member member : health.members()) {
            json.writeStartObject();
            json.writeStringField("id", member.id());
            json.writeStringField("model", member.model());
            json.writeStringField("healthStatus", member.status().name());
            json.writeEndObject();
          }
          json.writeEndArray();
        });
  }

  byte[] keyMetadata(ProxyKeyStore store, String keyId, RequestBody body) {
    body.requireMetadata("awsPrincipalArn", "kmsOperation", "kmsRequestId");
    authorize(store, "GetKeyMetadata", keyId, body);
    ProxyKey key = find(store, keyId);
    return write(
        json -> {
          json.writeStringField("keySpec", key.keySpec());
          json.writeArrayFieldStart("keyUsage");
          for (KeyUsage usage : KeyUsage.values()) {
            if (key.usages().contains(usage)) {
              json.writeString(usage.name());
            }
          }
          json.writeEndArray();
          json.writeStringField("keyStatus", key.enabled() ? "ENABLED" : "DISABLED");
        });
  }

  byte[] encrypt(ProxyKeyStore store, String keyId, RequestBody body) {
    body.requireMetadata("awsPrincipalArn", "kmsKeyArn", "kmsOperation", "kmsRequestId");
    byte[] plaintext = body.base64("plaintext", true);
    body.requireValue("encryptionAlgorithm", "AES_GCM");
    byte[] aad = body.base64("additionalAuthenticatedData", false);
    boolean cdiv =
        body.optionalValue("ciphertextDataIntegrityValueAlgorithm", CiphertextIntegrity.SHA_256);
    authorize(store, "Encrypt", keyId, body);
    ProxyKey key = usable(store, keyId, KeyUsage.ENCRYPT);
    if (cdiv && !key.usages().contains(KeyUsage.DECRYPT)) {
      throw new XksFailure(
          XksErrorName.INVALID_KEY_USAGE,
          "the key does not allow DECRYPT, which the integrity check of Encrypt needs");
    }
    checkSize("plaintext", plaintext.length, maxPlaintextBytes);
    checkAad(aad);

    byte[] metadata = store.ciphertextMetadata();
    byte[] boundAad = boundAad(aad, metadata);
    ProxyKey.Sealed sealed = call(() -> key.encrypt(plaintext, boundAad));
    byte[] iv = sealed.iv();
    byte[] ciphertext = sealed.ciphertext();
    byte[] tag = sealed.tag();
    if (iv.length != IV_BYTES || tag.length != TAG_BYTES || ciphertext.length != plaintext.length) {
      throw new XksFailure(XksErrorName.INTERNAL, "the key manager returned an unusable answer");
    }
    byte[] integrity = null;
    if (cdiv) {
      integrity = CiphertextIntegrity.sha256(aad, metadata, iv, ciphertext, tag);
      byte[] trial = call(() -> key.decrypt(iv, ciphertext, tag, boundAad));
      if (!MessageDigest.isEqual(trial, plaintext)) {
        throw new XksFailure(XksErrorName.INTERNAL, "the trial decryption did not match");
      }
    }
    byte[] cdivValue = integrity;
    return write(
        json -> {
          json.writeStringField("authenticationTag", BASE64.encodeToString(tag));
          json.writeStringField("ciphertext", BASE64.encodeToString(ciphertext));
          if (metadata.length > 0) {
            json.writeStringField("ciphertextMetadata", BASE64.encodeToString(metadata));
          }
          json.writeStringField("initializationVector", BASE64.encodeToString(iv));
          if (cdivValue != null) {
            json.writeStringField("ciphertextDataIntegrityValue", BASE64.encodeToString(cdivValue));
          }
        });
  }

  byte[] decrypt(ProxyKeyStore store, String keyId, RequestBody body) {
    body.requireMetadata("awsPrincipalArn", "kmsKeyArn", "kmsOperation", "kmsRequestId");
    byte[] ciphertext = body.base64("ciphertext", true);
    byte[] metadata = body.base64("ciphertextMetadata", false);
    body.requireValue("encryptionAlgorithm", "AES_GCM");
    byte[] aad = body.base64("additionalAuthenticatedData", false);
    byte[] iv = body.base64("initializationVector", true);
    byte[] tag = body.base64("authenticationTag", true);
    if (iv.length != 12 && iv.length != 16) {
      throw XksFailure.validation("initializationVector must be 12 or 16 bytes, was " + iv.length);
    }
    if (tag.length != TAG_BYTES) {
      throw XksFailure.validation("authenticationTag must be 16 bytes, was " + tag.length);
    }
    if (metadata != null && metadata.length > 20) {
      throw XksFailure.validation(
          "ciphertextMetadata must be at most 20 bytes, was " + metadata.length);
    }
    authorize(store, "Decrypt", keyId, body);
    ProxyKey key = usable(store, keyId, KeyUsage.DECRYPT);
    checkSize("ciphertext", ciphertext.length, maxPlaintextBytes);
    checkAad(aad);

    byte[] boundAad = boundAad(aad, metadata);
    byte[] plaintext = call(() -> key.decrypt(iv, ciphertext, tag, boundAad));
    return write(json -> json.writeStringField("plaintext", BASE64.encodeToString(plaintext)));
  }

  /**
   * The AAD given to AES-GCM, as the API recommends: the request's AAD length in two bytes, the
   * AAD, the metadata length in one byte, and the metadata, so that the metadata is authenticated.
   */
  static byte[] boundAad(byte[] aad, byte[] metadata) {
    int aadLength = aad == null ? 0 : aad.length;
    int metadataLength = metadata == null ? 0 : metadata.length;
    byte[] out = new byte[2 + aadLength + 1 + metadataLength];
    out[0] = (byte) (aadLength >>> 8);
    out[1] = (byte) aadLength;
    if (aadLength > 0) {
      System.arraycopy(aad, 0, out, 2, aadLength);
    }
    out[2 + aadLength] = (byte) metadataLength;
    if (metadataLength > 0) {
      System.arraycopy(metadata, 0, out, 3 + aadLength, metadataLength);
    }
    return out;
  }

  private static void authorize(
      ProxyKeyStore store, String operation, String keyId, RequestBody b) {
    SecondaryAuthorization authorization = store.authorization();
    if (authorization == null) {
      return;
    }
    SecondaryAuthorization.Request request =
        new SecondaryAuthorization.Request(
            operation,
            keyId,
            b.metadataText("awsPrincipalArn"),
            b.metadataText("kmsOperation"),
            b.metadataText("kmsKeyArn"));
    boolean allowed;
    try {
      allowed = authorization.allows(request);
    } catch (RuntimeException e) {
      allowed = false;
    }
    if (!allowed) {
      throw new XksFailure(XksErrorName.ACCESS_DENIED, "the secondary authorization denied it");
    }
  }

  private static ProxyKey find(ProxyKeyStore store, String keyId) {
    return call(() -> store.keySource().key(keyId))
        .orElseThrow(
            () -> new XksFailure(XksErrorName.KEY_NOT_FOUND, "no key with id \"" + keyId + "\""));
  }

  private static ProxyKey usable(ProxyKeyStore store, String keyId, KeyUsage usage) {
    ProxyKey key = find(store, keyId);
    if (!key.enabled()) {
      throw new XksFailure(XksErrorName.INVALID_STATE, "the key is disabled");
    }
    if (!key.usages().contains(usage)) {
      throw new XksFailure(
          XksErrorName.INVALID_KEY_USAGE, "the key does not allow " + usage.name());
    }
    return key;
  }

  private void checkAad(byte[] aad) {
    if (aad != null) {
      checkSize("additionalAuthenticatedData", aad.length, maxAadBytes);
    }
  }

  private static void checkSize(String field, int size, int max) {
    if (size > max) {
      throw new XksFailure(
          XksErrorName.UNSUPPORTED_OPERATION,
          field + " must be at most " + max + " bytes here, was " + size);
    }
  }

  private static <T> T call(java.util.function.Supplier<T> action) {
    try {
      return action.get();
    } catch (KeySourceException e) {
      switch (e.reason()) {
        case INVALID_CIPHERTEXT:
          throw new XksFailure(XksErrorName.INVALID_CIPHERTEXT, "decryption failed");
        case KEY_USAGE:
          throw new XksFailure(XksErrorName.INVALID_KEY_USAGE, "the key does not allow it");
        case INVALID_STATE:
          throw new XksFailure(XksErrorName.INVALID_STATE, "the key is not usable now");
        case TIMEOUT:
          throw new XksFailure(
              XksErrorName.DEPENDENCY_TIMEOUT, "the key manager did not answer in time");
        default:
          throw new XksFailure(XksErrorName.INTERNAL, "the key manager failed");
      }
    }
  }

  static byte[] error(XksErrorName name, String message) {
    StringBuilder printable = new StringBuilder();
    for (int i = 0; i < message.length() && printable.length() < 511; i++) {
      char c = message.charAt(i);
      printable.append(c >= 0x20 && c <= 0x7e ? c : '?');
    }
    return write(
        json -> {
          json.writeStringField("errorName", name.wireName());
          json.writeStringField("errorMessage", printable.toString());
        });
  }

  private static byte[] write(Fields fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      fields.write(json);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private interface Fields {
    void write(JsonGenerator json) throws IOException;
  }
}
