package dev.cks.local;

import dev.cks.CloudHsmKeyStoreSpec;
import dev.cks.ConnectionErrorCode;
import dev.cks.ConnectionState;
import dev.cks.CustomKeyStoreDescription;
import dev.cks.CustomKeyStoreType;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.ImmutableCustomKeyStoreDescription;
import dev.cks.Secret;
import dev.cks.VpcEndpointService;
import dev.cks.XksProxyConfiguration;
import dev.cks.XksProxyConnectivityType;
import dev.cks.XksProxyCredential;
import dev.cks.local.Database.Row;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A custom key store as {@code LocalKms} keeps it: every property KMS knows, the secrets among
 * them, and the connection state. Immutable; a change makes a new one.
 */
record StoredStore(
    long seq,
    String id,
    String name,
    CustomKeyStoreType type,
    Instant creationDate,
    ConnectionState state,
    Optional<ConnectionErrorCode> errorCode,
    Map<String, String> properties,
    Map<String, Secret> secrets) {

  static final String CLUSTER_ID = "CloudHsmClusterId";
  static final String TRUST_ANCHOR = "TrustAnchorCertificate";
  static final String PASSWORD = "KeyStorePassword";
  static final String ENDPOINT = "XksProxyUriEndpoint";
  static final String PATH = "XksProxyUriPath";
  static final String CONNECTIVITY = "XksProxyConnectivity";
  static final String VPC_SERVICE = "XksProxyVpcEndpointServiceName";
  static final String VPC_OWNER = "XksProxyVpcEndpointServiceOwner";
  static final String ACCESS_KEY_ID = "AccessKeyId";
  static final String RAW_SECRET = "RawSecretAccessKey";

  private static final String NAME = "CustomKeyStoreName";
  private static final String TYPE = "CustomKeyStoreType";
  private static final String CREATED = "CreationDate";
  private static final String STATE = "ConnectionState";
  private static final String ERROR = "ConnectionErrorCode";

  StoredStore {
    properties = Map.copyOf(properties);
    secrets = Map.copyOf(secrets);
  }

  /** A new, disconnected CloudHSM store. */
  static StoredStore of(String id, Instant now, CloudHsmKeyStoreSpec spec) {
    return new StoredStore(
        0,
        id,
        spec.name(),
        CustomKeyStoreType.AWS_CLOUDHSM,
        now,
        ConnectionState.DISCONNECTED,
        Optional.empty(),
        Map.of(CLUSTER_ID, spec.cloudHsmClusterId(), TRUST_ANCHOR, spec.trustAnchorCertificate()),
        Map.of(PASSWORD, spec.keyStorePassword()));
  }

  /** A new, disconnected external store; a VPC owner left out is the account's own. */
  static StoredStore of(String id, Instant now, ExternalKeyStoreSpec spec, String accountId) {
    Map<String, String> properties = new HashMap<>();
    properties.put(ENDPOINT, spec.proxyUriEndpoint());
    properties.put(PATH, spec.proxyUriPath());
    properties.put(CONNECTIVITY, spec.connectivity().type().value());
    properties.put(ACCESS_KEY_ID, spec.proxyCredential().accessKeyId());
    if (spec.connectivity() instanceof VpcEndpointService vpc) {
      properties.put(VPC_SERVICE, vpc.serviceName());
      properties.put(VPC_OWNER, vpc.serviceOwner().orElse(accountId));
    }
    return new StoredStore(
        0,
        id,
        spec.name(),
        CustomKeyStoreType.EXTERNAL_KEY_STORE,
        now,
        ConnectionState.DISCONNECTED,
        Optional.empty(),
        properties,
        Map.of(RAW_SECRET, spec.proxyCredential().rawSecretAccessKey()));
  }

  /** Reads a store from its database row. */
  static StoredStore from(Row row) {
    Map<String, String> properties = new HashMap<>(row.attributes());
    String name = properties.remove(NAME);
    CustomKeyStoreType type = CustomKeyStoreType.fromValue(properties.remove(TYPE));
    Instant created = Instant.ofEpochMilli(Long.parseLong(properties.remove(CREATED)));
    ConnectionState state = ConnectionState.fromValue(properties.remove(STATE));
    Optional<ConnectionErrorCode> error =
        Optional.ofNullable(properties.remove(ERROR)).map(ConnectionErrorCode::fromValue);
    return new StoredStore(
        row.seq(), row.id(), name, type, created, state, error, properties, row.secrets());
  }

  /** The attributes of the database row. */
  Map<String, String> attributes() {
    Map<String, String> attributes = new HashMap<>(properties);
    attributes.put(NAME, name);
    attributes.put(TYPE, type.value());
    attributes.put(CREATED, Long.toString(creationDate.toEpochMilli()));
    attributes.put(STATE, state.value());
    errorCode.ifPresent(code -> attributes.put(ERROR, code.value()));
    return attributes;
  }

  boolean isCloudHsm() {
    return type == CustomKeyStoreType.AWS_CLOUDHSM;
  }

  boolean isVpc() {
    return XksProxyConnectivityType.VPC_ENDPOINT_SERVICE
        .value()
        .equals(properties.get(CONNECTIVITY));
  }

  Optional<String> property(String key) {
    return Optional.ofNullable(properties.get(key));
  }

  /** The credential of an external store. */
  XksProxyCredential credential() {
    return XksProxyCredential.of(properties.get(ACCESS_KEY_ID), secrets.get(RAW_SECRET));
  }

  /** This store in another connection state; the error code only with {@code FAILED}. */
  StoredStore withState(ConnectionState newState, Optional<ConnectionErrorCode> newError) {
    return new StoredStore(
        seq, id, name, type, creationDate, newState, newError, properties, secrets);
  }

  /** This store with other properties and secrets. */
  StoredStore with(
      String newName, Map<String, String> newProperties, Map<String, Secret> newSecrets) {
    return new StoredStore(
        seq, id, newName, type, creationDate, state, errorCode, newProperties, newSecrets);
  }

  /** The store as DescribeCustomKeyStores shows it: no secret. */
  CustomKeyStoreDescription describe() {
    ImmutableCustomKeyStoreDescription.BuildFinal description =
        ImmutableCustomKeyStoreDescription.builder()
            .customKeyStoreId(id)
            .customKeyStoreName(name)
            .customKeyStoreTypeAsString(type.value())
            .connectionStateAsString(state.value())
            .creationDate(creationDate);
    if (state == ConnectionState.FAILED) {
      errorCode.ifPresent(code -> description.connectionErrorCodeAsString(code.value()));
    }
    if (isCloudHsm()) {
      description
          .cloudHsmClusterId(properties.get(CLUSTER_ID))
          .trustAnchorCertificate(properties.get(TRUST_ANCHOR));
    } else {
      description.xksProxyConfiguration(
          XksProxyConfiguration.builder()
              .connectivityAsString(properties.get(CONNECTIVITY))
              .accessKeyId(properties.get(ACCESS_KEY_ID))
              .uriEndpoint(properties.get(ENDPOINT))
              .uriPath(properties.get(PATH))
              .vpcEndpointServiceName(property(VPC_SERVICE))
              .vpcEndpointServiceOwner(property(VPC_OWNER))
              .build());
    }
    return description.build();
  }
}
