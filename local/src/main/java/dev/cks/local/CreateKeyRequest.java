package dev.cks.local;

import dev.cks.Constraints;
import dev.cks.ValidationException;
import dev.cks.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The custom key store parts of {@code CreateKey}: the origin, the store, the external key of an
 * external key store, and a description.
 *
 * @param origin {@code AWS_CLOUDHSM} or {@code EXTERNAL_KEY_STORE}
 * @param customKeyStoreId the store to create the key in
 * @param xksKeyId the external key; required with {@code EXTERNAL_KEY_STORE}, refused otherwise
 * @param description a description of up to 8192 characters
 */
public record CreateKeyRequest(
    String origin, String customKeyStoreId, Optional<String> xksKeyId, String description) {

  /**
   * Checks the members as KMS does.
   *
   * @throws ValidationException naming every member that breaks a rule
   */
  public CreateKeyRequest {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(customKeyStoreId, "customKeyStoreId");
    Objects.requireNonNull(xksKeyId, "xksKeyId");
    Objects.requireNonNull(description, "description");
    List<Violation> found = new ArrayList<>();
    if (!origin.equals("AWS_CLOUDHSM") && !origin.equals("EXTERNAL_KEY_STORE")) {
      found.add(
          Violation.of(
              "Origin",
              "must be AWS_CLOUDHSM or EXTERNAL_KEY_STORE for a custom key store",
              origin));
    }
    found.addAll(Constraints.customKeyStoreId("CustomKeyStoreId", customKeyStoreId));
    if (origin.equals("EXTERNAL_KEY_STORE") && xksKeyId.isEmpty()) {
      found.add(
          Violation.described("XksKeyId", "is required with Origin EXTERNAL_KEY_STORE", "missing"));
    }
    if (!origin.equals("EXTERNAL_KEY_STORE") && xksKeyId.isPresent()) {
      found.add(
          Violation.of(
              "XksKeyId", "is allowed only with Origin EXTERNAL_KEY_STORE", xksKeyId.get()));
    }
    xksKeyId.ifPresent(id -> found.addAll(Constraints.xksKeyId("XksKeyId", id)));
    if (description.length() > 8192) {
      found.add(
          Violation.described(
              "Description",
              "must be at most 8192 characters",
              description.length() + " characters"));
    }
    ValidationException.throwIfAny(found);
  }

  /** A key whose material a CloudHSM key store's cluster makes and keeps. */
  public static CreateKeyRequest inCloudHsmStore(String customKeyStoreId) {
    return new CreateKeyRequest("AWS_CLOUDHSM", customKeyStoreId, Optional.empty(), "");
  }

  /** A key backed by the external key {@code xksKeyId} of an external key store. */
  public static CreateKeyRequest inExternalStore(String customKeyStoreId, String xksKeyId) {
    return new CreateKeyRequest("EXTERNAL_KEY_STORE", customKeyStoreId, Optional.of(xksKeyId), "");
  }

  /** This request with a description. */
  public CreateKeyRequest withDescription(String text) {
    return new CreateKeyRequest(origin, customKeyStoreId, xksKeyId, text);
  }
}
