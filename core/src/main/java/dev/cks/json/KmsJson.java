package dev.cks.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cks.CloudHsmKeyStoreSpec;
import dev.cks.CloudHsmKeyStoreUpdate;
import dev.cks.Constraints;
import dev.cks.CustomKeyStoreDescription;
import dev.cks.CustomKeyStoreSpec;
import dev.cks.CustomKeyStoreType;
import dev.cks.CustomKeyStoreUpdate;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.ExternalKeyStoreUpdate;
import dev.cks.Secret;
import dev.cks.ValidationException;
import dev.cks.Violation;
import dev.cks.VpcEndpointService;
import dev.cks.XksProxyConfiguration;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyConnectivityType;
import dev.cks.XksProxyCredential;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Maps the model to KMS's JSON and back, with KMS's member names ({@code CustomKeyStoreName},
 * {@code XksProxyUriEndpoint}, ...): the bodies of {@code CreateCustomKeyStore} and {@code
 * UpdateCustomKeyStore} requests, and {@code CustomKeyStoresListEntry} objects of {@code
 * DescribeCustomKeyStores} responses.
 *
 * <p>Secrets are written only where the wire needs them: into requests. A description holds none,
 * so a list entry never carries one.
 *
 * <p>Reading a request never throws a Jackson exception: malformed JSON, a member of the wrong JSON
 * type, a missing or misplaced member and every broken rule all come back in one {@link
 * ValidationException}, which never quotes a secret. Unknown members are ignored. A member holding
 * JSON {@code null} counts as absent.
 *
 * <p>Limitation: the rules that join several members of an update (a new connectivity needs a new
 * endpoint) are checked after the members themselves, so they are reported only once every member
 * is valid on its own.
 */
public final class KmsJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String CREDENTIAL = "XksProxyAuthenticationCredential";
  private static final String[] HSM_MEMBERS = {
    "CloudHsmClusterId", "TrustAnchorCertificate", "KeyStorePassword"
  };
  private static final String[] XKS_MEMBERS = {
    "XksProxyUriEndpoint",
    "XksProxyUriPath",
    "XksProxyVpcEndpointServiceName",
    "XksProxyVpcEndpointServiceOwner",
    CREDENTIAL,
    "XksProxyConnectivity"
  };

  private KmsJson() {}

  /** The body of a {@code CreateCustomKeyStore} request for the spec, secrets included. */
  public static ObjectNode toCreateRequest(CustomKeyStoreSpec spec) {
    ObjectNode body = NODES.objectNode();
    body.put("CustomKeyStoreName", spec.name());
    body.put("CustomKeyStoreType", spec.type().value());
    if (spec instanceof CloudHsmKeyStoreSpec hsm) {
      body.put("CloudHsmClusterId", hsm.cloudHsmClusterId());
      body.put("TrustAnchorCertificate", hsm.trustAnchorCertificate());
      body.put("KeyStorePassword", hsm.keyStorePassword().reveal());
    } else if (spec instanceof ExternalKeyStoreSpec xks) {
      body.put("XksProxyUriEndpoint", xks.proxyUriEndpoint());
      body.put("XksProxyUriPath", xks.proxyUriPath());
      putConnectivity(body, xks.connectivity());
      body.set(CREDENTIAL, credential(xks.proxyCredential()));
    }
    return body;
  }

  /**
   * Reads the body of a {@code CreateCustomKeyStore} request. A missing {@code CustomKeyStoreType}
   * means {@code AWS_CLOUDHSM}, as in KMS.
   *
   * @throws ValidationException if the text is not a JSON object or the request is not valid,
   *     listing every violation
   */
  public static CustomKeyStoreSpec fromCreateRequest(String json) {
    return fromCreateRequest(JsonReader.parseObject("CreateCustomKeyStoreRequest", json));
  }

  /**
   * Reads the body of a {@code CreateCustomKeyStore} request already parsed.
   *
   * @throws ValidationException if the node is not an object or the request is not valid, listing
   *     every violation
   */
  public static CustomKeyStoreSpec fromCreateRequest(JsonNode body) {
    JsonReader.requireObject("CreateCustomKeyStoreRequest", body);
    List<Violation> found = JsonReader.newList();
    JsonReader in = JsonReader.of(body, found);

    Optional<String> name = in.string("CustomKeyStoreName");
    if (name.isEmpty() && !in.has("CustomKeyStoreName")) {
      in.missing("CustomKeyStoreName", "");
    }
    name.ifPresent(value -> in.addAll(Constraints.customKeyStoreName("CustomKeyStoreName", value)));
    CustomKeyStoreType type =
        in.string("CustomKeyStoreType")
            .map(KmsJson::storeType)
            .orElse(CustomKeyStoreType.AWS_CLOUDHSM);
    if (type == CustomKeyStoreType.UNKNOWN_TO_SDK_VERSION) {
      in.add(
          Violation.of(
              "CustomKeyStoreType",
              "must be AWS_CLOUDHSM or EXTERNAL_KEY_STORE",
              in.string("CustomKeyStoreType").orElse("")));
    }

    if (type == CustomKeyStoreType.AWS_CLOUDHSM) {
      forbid(in, XKS_MEMBERS, "must be absent for an AWS_CLOUDHSM key store");
      HsmParts parts = hsmParts(in, true);
      ValidationException.throwIfAny(found);
      return CloudHsmKeyStoreSpec.builder()
          .name(name.orElseThrow())
          .cloudHsmClusterId(parts.clusterId.orElseThrow())
          .trustAnchorCertificate(parts.trustAnchor.orElseThrow())
          .keyStorePassword(parts.password.orElseThrow())
          .build();
    }
    if (type != CustomKeyStoreType.EXTERNAL_KEY_STORE) {
      throw new ValidationException(found); // the unknown type is recorded; nothing else applies
    }
    forbid(in, HSM_MEMBERS, "must be absent for an EXTERNAL_KEY_STORE key store");
    XksParts parts = xksParts(in, true);
    ValidationException.throwIfAny(found);
    return ExternalKeyStoreSpec.builder()
        .name(name.orElseThrow())
        .proxyUriEndpoint(parts.endpoint.orElseThrow())
        .connectivity(parts.connectivity.orElseThrow())
        .proxyUriPath(parts.path.orElseThrow())
        .proxyCredential(parts.credential.orElseThrow())
        .build();
  }

  /** The body of an {@code UpdateCustomKeyStore} request for the update, secrets included. */
  public static ObjectNode toUpdateRequest(CustomKeyStoreUpdate update) {
    ObjectNode body = NODES.objectNode();
    body.put("CustomKeyStoreId", update.customKeyStoreId());
    update.newName().ifPresent(name -> body.put("NewCustomKeyStoreName", name));
    if (update instanceof CloudHsmKeyStoreUpdate hsm) {
      hsm.keyStorePassword().ifPresent(password -> body.put("KeyStorePassword", password.reveal()));
      hsm.cloudHsmClusterId().ifPresent(id -> body.put("CloudHsmClusterId", id));
    } else if (update instanceof ExternalKeyStoreUpdate xks) {
      xks.proxyUriEndpoint().ifPresent(endpoint -> body.put("XksProxyUriEndpoint", endpoint));
      xks.proxyUriPath().ifPresent(path -> body.put("XksProxyUriPath", path));
      xks.connectivity().ifPresent(connectivity -> putConnectivity(body, connectivity));
      xks.vpcEndpointServiceName()
          .ifPresent(service -> body.put("XksProxyVpcEndpointServiceName", service));
      xks.vpcEndpointServiceOwner()
          .ifPresent(owner -> body.put("XksProxyVpcEndpointServiceOwner", owner));
      xks.proxyCredential().ifPresent(credential -> body.set(CREDENTIAL, credential(credential)));
    }
    return body;
  }

  /**
   * Reads the body of an {@code UpdateCustomKeyStore} request for a store of the given kind. The
   * request itself does not say the kind; the store it names does.
   *
   * @throws ValidationException if the text is not a JSON object, or the request is not valid for
   *     that kind of store, listing every violation
   * @throws IllegalArgumentException if {@code storeType} is null or {@code UNKNOWN_TO_SDK_VERSION}
   */
  public static CustomKeyStoreUpdate fromUpdateRequest(String json, CustomKeyStoreType storeType) {
    return fromUpdateRequest(
        JsonReader.parseObject("UpdateCustomKeyStoreRequest", json), storeType);
  }

  /**
   * Reads the body of an {@code UpdateCustomKeyStore} request already parsed.
   *
   * @throws ValidationException if the node is not an object or the request is not valid for that
   *     kind of store, listing every violation
   * @throws IllegalArgumentException if {@code storeType} is null or {@code UNKNOWN_TO_SDK_VERSION}
   */
  public static CustomKeyStoreUpdate fromUpdateRequest(
      JsonNode body, CustomKeyStoreType storeType) {
    if (storeType == null || storeType == CustomKeyStoreType.UNKNOWN_TO_SDK_VERSION) {
      throw new IllegalArgumentException("an update needs a known store type, was " + storeType);
    }
    JsonReader.requireObject("UpdateCustomKeyStoreRequest", body);
    List<Violation> found = JsonReader.newList();
    JsonReader in = JsonReader.of(body, found);

    Optional<String> id = in.string("CustomKeyStoreId");
    if (id.isEmpty() && !in.has("CustomKeyStoreId")) {
      in.missing("CustomKeyStoreId", "");
    }
    id.ifPresent(value -> in.addAll(Constraints.customKeyStoreId("CustomKeyStoreId", value)));
    Optional<String> newName = in.string("NewCustomKeyStoreName");
    newName.ifPresent(
        value -> in.addAll(Constraints.customKeyStoreName("NewCustomKeyStoreName", value)));

    if (storeType == CustomKeyStoreType.AWS_CLOUDHSM) {
      forbid(in, XKS_MEMBERS, "must be absent for an AWS_CLOUDHSM key store");
      HsmParts parts = hsmParts(in, false);
      ValidationException.throwIfAny(found);
      return CloudHsmKeyStoreUpdate.builder()
          .customKeyStoreId(id.orElseThrow())
          .newName(newName)
          .keyStorePassword(parts.password)
          .cloudHsmClusterId(parts.clusterId)
          .build();
    }
    forbid(in, HSM_MEMBERS, "must be absent for an EXTERNAL_KEY_STORE key store");
    XksParts parts = xksParts(in, false);
    ValidationException.throwIfAny(found);
    return ExternalKeyStoreUpdate.builder()
        .customKeyStoreId(id.orElseThrow())
        .newName(newName)
        .proxyUriEndpoint(parts.endpoint)
        .proxyUriPath(parts.path)
        .proxyCredential(parts.credential)
        .connectivity(parts.connectivity)
        .vpcEndpointServiceName(parts.serviceName)
        .vpcEndpointServiceOwner(parts.serviceOwner)
        .build();
  }

  /** The {@code CustomKeyStoresListEntry} for a description. It never holds a secret. */
  public static ObjectNode toListEntry(CustomKeyStoreDescription store) {
    ObjectNode entry = NODES.objectNode();
    entry.put("CustomKeyStoreId", store.customKeyStoreId());
    entry.put("CustomKeyStoreName", store.customKeyStoreName());
    entry.put("CustomKeyStoreType", store.customKeyStoreTypeAsString());
    entry.put("ConnectionState", store.connectionStateAsString());
    store.connectionErrorCodeAsString().ifPresent(code -> entry.put("ConnectionErrorCode", code));
    entry.set("CreationDate", epochSeconds(store.creationDate()));
    store.cloudHsmClusterId().ifPresent(id -> entry.put("CloudHsmClusterId", id));
    store.trustAnchorCertificate().ifPresent(pem -> entry.put("TrustAnchorCertificate", pem));
    store
        .xksProxyConfiguration()
        .ifPresent(proxy -> entry.set("XksProxyConfiguration", proxyConfiguration(proxy)));
    return entry;
  }

  /**
   * Reads a {@code CustomKeyStoresListEntry}. Enum values this version does not know are kept as
   * text. A missing {@code CustomKeyStoreType}, as from KMS before external key stores existed,
   * means {@code AWS_CLOUDHSM}.
   *
   * @throws ValidationException if the text is not a JSON object, or a member is missing or of the
   *     wrong JSON type, listing every problem
   */
  public static CustomKeyStoreDescription fromListEntry(String json) {
    return fromListEntry(JsonReader.parseObject("CustomKeyStoresListEntry", json));
  }

  /**
   * Reads a {@code CustomKeyStoresListEntry} already parsed. The {@code CreationDate} keeps
   * nanoseconds only if the parser read decimals as {@code BigDecimal} (Jackson's {@code
   * USE_BIG_DECIMAL_FOR_FLOATS}), as {@link #fromListEntry(String)} does; a {@code double} keeps
   * about microseconds.
   *
   * @throws ValidationException if the node is not an object, or a member is missing or of the
   *     wrong JSON type, listing every problem
   */
  public static CustomKeyStoreDescription fromListEntry(JsonNode entry) {
    JsonReader.requireObject("CustomKeyStoresListEntry", entry);
    List<Violation> found = JsonReader.newList();
    JsonReader in = JsonReader.of(entry, found);
    Optional<String> id = required(in, "CustomKeyStoreId");
    Optional<String> name = required(in, "CustomKeyStoreName");
    String type = in.string("CustomKeyStoreType").orElse(CustomKeyStoreType.AWS_CLOUDHSM.value());
    Optional<String> state = required(in, "ConnectionState");
    Optional<Instant> created = in.number("CreationDate").map(KmsJson::instant);
    if (created.isEmpty() && !in.has("CreationDate")) {
      in.missing("CreationDate", "");
    }
    Optional<String> errorCode = in.string("ConnectionErrorCode");
    Optional<String> clusterId = in.string("CloudHsmClusterId");
    Optional<String> trustAnchor = in.string("TrustAnchorCertificate");
    Optional<XksProxyConfiguration> proxy =
        in.object("XksProxyConfiguration")
            .flatMap(node -> proxyConfiguration(in.nested("XksProxyConfiguration", node)));
    ValidationException.throwIfAny(found);
    return CustomKeyStoreDescription.builder()
        .customKeyStoreId(id.orElseThrow())
        .customKeyStoreName(name.orElseThrow())
        .customKeyStoreTypeAsString(type)
        .connectionStateAsString(state.orElseThrow())
        .creationDate(created.orElseThrow())
        .connectionErrorCodeAsString(errorCode)
        .cloudHsmClusterId(clusterId)
        .trustAnchorCertificate(trustAnchor)
        .xksProxyConfiguration(proxy)
        .build();
  }

  private static final class HsmParts {
    Optional<String> clusterId;
    Optional<String> trustAnchor;
    Optional<Secret> password;
  }

  private static final class XksParts {
    Optional<String> endpoint;
    Optional<String> path;
    Optional<XksProxyCredential> credential = Optional.empty();
    Optional<XksProxyConnectivity> connectivity = Optional.empty();
    Optional<String> serviceName;
    Optional<String> serviceOwner;
  }

  private static HsmParts hsmParts(JsonReader in, boolean create) {
    HsmParts parts = new HsmParts();
    parts.clusterId = in.string("CloudHsmClusterId");
    parts.trustAnchor = in.string("TrustAnchorCertificate");
    parts.password = in.secret("KeyStorePassword");
    if (create) {
      for (String member : HSM_MEMBERS) {
        requirePresence(in, member, " for an AWS_CLOUDHSM key store");
      }
    }
    parts.clusterId.ifPresent(
        value -> in.addAll(Constraints.cloudHsmClusterId("CloudHsmClusterId", value)));
    parts.trustAnchor.ifPresent(
        value -> in.addAll(Constraints.trustAnchorCertificate("TrustAnchorCertificate", value)));
    parts.password.ifPresent(
        value -> in.addAll(Constraints.keyStorePassword("KeyStorePassword", value)));
    return parts;
  }

  private static XksParts xksParts(JsonReader in, boolean create) {
    XksParts parts = new XksParts();
    parts.endpoint = in.string("XksProxyUriEndpoint");
    parts.path = in.string("XksProxyUriPath");
    parts.serviceName = in.string("XksProxyVpcEndpointServiceName");
    parts.serviceOwner = in.string("XksProxyVpcEndpointServiceOwner");
    Optional<String> connectivity = in.string("XksProxyConnectivity");
    if (create) {
      for (String member :
          List.of("XksProxyUriEndpoint", "XksProxyUriPath", CREDENTIAL, "XksProxyConnectivity")) {
        requirePresence(in, member, " for an EXTERNAL_KEY_STORE key store");
      }
    }
    parts.endpoint.ifPresent(
        value -> in.addAll(Constraints.xksProxyUriEndpoint("XksProxyUriEndpoint", value)));
    parts.path.ifPresent(value -> in.addAll(Constraints.xksProxyUriPath("XksProxyUriPath", value)));
    parts.serviceName.ifPresent(
        value ->
            in.addAll(
                Constraints.xksProxyVpcEndpointServiceName(
                    "XksProxyVpcEndpointServiceName", value)));
    parts.serviceOwner.ifPresent(
        value -> in.addAll(Constraints.accountId("XksProxyVpcEndpointServiceOwner", value)));
    parts.credential =
        in.object(CREDENTIAL).flatMap(node -> credential(in.nested(CREDENTIAL, node)));
    connectivity.ifPresent(value -> parts.connectivity = connectivity(in, value, parts));
    return parts;
  }

  /**
   * The typed connectivity for the wire value. The VPC endpoint service's name and owner move into
   * it, so they are no longer separate parts.
   */
  private static Optional<XksProxyConnectivity> connectivity(
      JsonReader in, String value, XksParts parts) {
    XksProxyConnectivityType type = XksProxyConnectivityType.fromValue(value);
    if (type == XksProxyConnectivityType.PUBLIC_ENDPOINT) {
      for (String member :
          List.of("XksProxyVpcEndpointServiceName", "XksProxyVpcEndpointServiceOwner")) {
        if (in.has(member)) {
          in.misplaced(
              member, "must be absent unless XksProxyConnectivity is VPC_ENDPOINT_SERVICE");
        }
      }
      parts.serviceName = Optional.empty();
      parts.serviceOwner = Optional.empty();
      return Optional.of(XksProxyConnectivity.publicEndpoint());
    }
    if (type == XksProxyConnectivityType.VPC_ENDPOINT_SERVICE) {
      if (!in.has("XksProxyVpcEndpointServiceName")) {
        in.missing(
            "XksProxyVpcEndpointServiceName", " when XksProxyConnectivity is VPC_ENDPOINT_SERVICE");
        return Optional.empty();
      }
      Optional<String> name = parts.serviceName;
      Optional<String> owner = parts.serviceOwner;
      parts.serviceName = Optional.empty();
      parts.serviceOwner = Optional.empty();
      if (name.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            VpcEndpointService.builder().serviceName(name.get()).serviceOwner(owner).build());
      } catch (ValidationException e) {
        return Optional.empty(); // its violations are already recorded
      }
    }
    in.add(
        Violation.of(
            "XksProxyConnectivity", "must be PUBLIC_ENDPOINT or VPC_ENDPOINT_SERVICE", value));
    return Optional.empty();
  }

  private static Optional<XksProxyCredential> credential(JsonReader in) {
    Optional<String> accessKeyId = in.string("AccessKeyId");
    Optional<Secret> rawSecret = in.secret("RawSecretAccessKey");
    requirePresence(in, "AccessKeyId", "");
    requirePresence(in, "RawSecretAccessKey", "");
    accessKeyId.ifPresent(
        value -> in.addAll(Constraints.accessKeyId(in.name("AccessKeyId"), value)));
    rawSecret.ifPresent(
        value -> in.addAll(Constraints.rawSecretAccessKey(in.name("RawSecretAccessKey"), value)));
    if (accessKeyId.isEmpty() || rawSecret.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(XksProxyCredential.of(accessKeyId.get(), rawSecret.get()));
    } catch (ValidationException e) {
      return Optional.empty(); // its violations are already recorded
    }
  }

  private static Optional<XksProxyConfiguration> proxyConfiguration(JsonReader in) {
    Optional<String> connectivity = required(in, "Connectivity");
    Optional<String> accessKeyId = required(in, "AccessKeyId");
    Optional<String> endpoint = required(in, "UriEndpoint");
    Optional<String> path = required(in, "UriPath");
    Optional<String> serviceName = in.string("VpcEndpointServiceName");
    Optional<String> serviceOwner = in.string("VpcEndpointServiceOwner");
    if (connectivity.isEmpty() || accessKeyId.isEmpty() || endpoint.isEmpty() || path.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        XksProxyConfiguration.builder()
            .connectivityAsString(connectivity.get())
            .accessKeyId(accessKeyId.get())
            .uriEndpoint(endpoint.get())
            .uriPath(path.get())
            .vpcEndpointServiceName(serviceName)
            .vpcEndpointServiceOwner(serviceOwner)
            .build());
  }

  private static ObjectNode proxyConfiguration(XksProxyConfiguration proxy) {
    ObjectNode node = NODES.objectNode();
    node.put("Connectivity", proxy.connectivityAsString());
    node.put("AccessKeyId", proxy.accessKeyId());
    node.put("UriEndpoint", proxy.uriEndpoint());
    node.put("UriPath", proxy.uriPath());
    proxy.vpcEndpointServiceName().ifPresent(name -> node.put("VpcEndpointServiceName", name));
    proxy.vpcEndpointServiceOwner().ifPresent(owner -> node.put("VpcEndpointServiceOwner", owner));
    return node;
  }

  private static ObjectNode credential(XksProxyCredential credential) {
    ObjectNode node = NODES.objectNode();
    node.put("AccessKeyId", credential.accessKeyId());
    node.put("RawSecretAccessKey", credential.rawSecretAccessKey().reveal());
    return node;
  }

  private static void putConnectivity(ObjectNode body, XksProxyConnectivity connectivity) {
    body.put("XksProxyConnectivity", connectivity.type().value());
    if (connectivity instanceof VpcEndpointService vpc) {
      body.put("XksProxyVpcEndpointServiceName", vpc.serviceName());
      vpc.serviceOwner().ifPresent(owner -> body.put("XksProxyVpcEndpointServiceOwner", owner));
    }
  }

  private static void forbid(JsonReader in, String[] members, String rule) {
    for (String member : members) {
      if (in.has(member)) {
        in.misplaced(member, rule);
      }
    }
  }

  private static void requirePresence(JsonReader in, String member, String when) {
    if (!in.has(member)) {
      in.missing(member, when);
    }
  }

  private static Optional<String> required(JsonReader in, String member) {
    Optional<String> value = in.string(member);
    requirePresence(in, member, "");
    return value;
  }

  private static CustomKeyStoreType storeType(String value) {
    return CustomKeyStoreType.fromValue(value);
  }

  /** Epoch seconds as KMS writes timestamps: a whole number, or with a fraction when needed. */
  private static JsonNode epochSeconds(Instant instant) {
    if (instant.getNano() == 0) {
      return NODES.numberNode(instant.getEpochSecond());
    }
    BigDecimal seconds =
        BigDecimal.valueOf(instant.getEpochSecond())
            .add(BigDecimal.valueOf(instant.getNano(), 9))
            .stripTrailingZeros();
    return NODES.numberNode(seconds);
  }

  private static Instant instant(JsonNode seconds) {
    BigInteger[] parts =
        seconds
            .decimalValue()
            .movePointRight(9)
            .toBigInteger()
            .divideAndRemainder(BigInteger.TEN.pow(9));
    long nanos = parts[1].longValue();
    long whole = parts[0].longValue();
    if (nanos < 0) {
      nanos += 1_000_000_000L;
      whole -= 1;
    }
    return Instant.ofEpochSecond(whole, nanos);
  }
}
