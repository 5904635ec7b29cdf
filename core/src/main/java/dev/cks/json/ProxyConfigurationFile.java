package dev.cks.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cks.Constraints;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.ExternalKeyStoreUpdate;
import dev.cks.ImmutableExternalKeyStoreSpec;
import dev.cks.Secret;
import dev.cks.ValidationException;
import dev.cks.Violation;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import java.util.List;
import java.util.Optional;

/**
 * The proxy configuration file an XKS proxy hands out for the KMS console: the URI path and the
 * authentication credential of one external key store.
 *
 * <pre>{@code
 * {"XksProxyUriPath": "/keystores/1234/kms/xks/v1",
 *  "XksProxyAuthenticationCredential": {"AccessKeyId": "...", "RawSecretAccessKey": "..."}}
 * }</pre>
 *
 * <p>KMS's API cannot take this file; this class turns it into a spec or an update:
 *
 * <pre>{@code
 * ExternalKeyStoreSpec spec = ProxyConfigurationFile.parse(Files.readString(file))
 *     .specBuilder()
 *     .name("ExamplePublicEndpointKeyStore")
 *     .proxyUriEndpoint("https://myproxy.xks.example.com")
 *     .connectivity(XksProxyConnectivity.publicEndpoint())
 *     .build();
 * }</pre>
 *
 * <p>Members other than these two are ignored. A proxy makes one with {@link #generate(String)} and
 * {@link #write}. {@code toString()} shows the path only.
 */
public final class ProxyConfigurationFile {

  private static final String SHAPE = "ProxyConfigurationFile";
  private static final String PATH = "XksProxyUriPath";
  private static final String CREDENTIAL = "XksProxyAuthenticationCredential";

  private final String uriPath;
  private final XksProxyCredential credential;

  private ProxyConfigurationFile(String uriPath, XksProxyCredential credential) {
    this.uriPath = uriPath;
    this.credential = credential;
  }

  /**
   * Reads a proxy configuration file's text.
   *
   * @throws ValidationException if the text is not a JSON object, a member is missing or of the
   *     wrong JSON type, or a value breaks a rule of KMS, naming each member; never quoting the
   *     secret
   */
  public static ProxyConfigurationFile parse(String json) {
    JsonNode root = JsonReader.parseObject(SHAPE, json);
    List<Violation> found = JsonReader.newList();
    JsonReader in = JsonReader.of(root, found);

    Optional<String> path = in.string(PATH);
    if (!in.has(PATH)) {
      in.missing(PATH, "");
    }
    path.ifPresent(value -> in.addAll(Constraints.xksProxyUriPath(PATH, value)));
    if (!in.has(CREDENTIAL)) {
      in.missing(CREDENTIAL, "");
    }
    Optional<String> accessKeyId = Optional.empty();
    Optional<Secret> rawSecret = Optional.empty();
    Optional<JsonNode> credentialNode = in.object(CREDENTIAL);
    if (credentialNode.isPresent()) {
      JsonReader credential = in.nested(CREDENTIAL, credentialNode.get());
      accessKeyId = credential.string("AccessKeyId");
      rawSecret = credential.secret("RawSecretAccessKey");
      for (String member : List.of("AccessKeyId", "RawSecretAccessKey")) {
        if (!credential.has(member)) {
          credential.missing(member, "");
        }
      }
      accessKeyId.ifPresent(
          value -> in.addAll(Constraints.accessKeyId(credential.name("AccessKeyId"), value)));
      rawSecret.ifPresent(
          value ->
              in.addAll(
                  Constraints.rawSecretAccessKey(credential.name("RawSecretAccessKey"), value)));
    }
    ValidationException.throwIfAny(found);
    return new ProxyConfigurationFile(
        path.orElseThrow(),
        XksProxyCredential.of(accessKeyId.orElseThrow(), rawSecret.orElseThrow()));
  }

  /**
   * A configuration of the given path and credential, as a proxy writes it.
   *
   * @throws ValidationException if the path breaks the rules of {@code XksProxyUriPath}
   */
  public static ProxyConfigurationFile of(String uriPath, XksProxyCredential credential) {
    java.util.Objects.requireNonNull(credential, "credential");
    ValidationException.throwIfAny(Constraints.xksProxyUriPath(PATH, uriPath));
    return new ProxyConfigurationFile(uriPath, credential);
  }

  /**
   * A configuration of the given path with a fresh random credential.
   *
   * @throws ValidationException if the path breaks the rules of {@code XksProxyUriPath}
   */
  public static ProxyConfigurationFile generate(String uriPath) {
    return of(uriPath, XksProxyCredential.generate());
  }

  /** A configuration of a fresh path {@code /keystores/<uuid>/kms/xks/v1} and credential. */
  public static ProxyConfigurationFile generate() {
    return generate("/keystores/" + java.util.UUID.randomUUID() + "/kms/xks/v1");
  }

  /**
   * Reads a proxy configuration file.
   *
   * @throws java.io.UncheckedIOException if the file cannot be read
   * @throws ValidationException as {@link #parse} does
   */
  public static ProxyConfigurationFile read(java.nio.file.Path file) {
    try {
      return parse(java.nio.file.Files.readString(file));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read proxy configuration file " + file, e);
    }
  }

  /** The file's JSON text, the credential's secret included. */
  public String toJson() {
    com.fasterxml.jackson.databind.node.ObjectNode root =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    root.put(PATH, uriPath);
    com.fasterxml.jackson.databind.node.ObjectNode secret = root.putObject(CREDENTIAL);
    secret.put("AccessKeyId", credential.accessKeyId());
    secret.put("RawSecretAccessKey", credential.rawSecretAccessKey().reveal());
    return root.toPrettyString() + "\n";
  }

  /**
   * Writes the file, replacing any file there, readable by its owner only.
   *
   * @throws java.io.UncheckedIOException if it cannot be written
   */
  public void write(java.nio.file.Path file) {
    try {
      java.nio.file.Files.deleteIfExists(file);
      java.nio.file.Files.createFile(
          file,
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
              java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      java.nio.file.Files.writeString(file, toJson());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write proxy configuration file " + file, e);
    }
  }

  /** The {@code XksProxyUriPath} of the file. */
  public String uriPath() {
    return uriPath;
  }

  /** The {@code XksProxyAuthenticationCredential} of the file. */
  public XksProxyCredential credential() {
    return credential;
  }

  /**
   * A staged builder of an {@link ExternalKeyStoreSpec} that already holds this file's path and
   * credential: add the name, the endpoint and the connectivity, then {@code build()}.
   */
  public NameStage specBuilder() {
    return name ->
        endpoint ->
            connectivity ->
                ExternalKeyStoreSpec.builder()
                    .name(name)
                    .proxyUriEndpoint(endpoint)
                    .connectivity(connectivity)
                    .proxyUriPath(uriPath)
                    .proxyCredential(credential);
  }

  /**
   * An update of the store with that id to this file's path and credential, as when the proxy
   * rotated the credential. Both can change while the store is connected.
   *
   * @throws ValidationException if the id breaks the rules of {@code CustomKeyStoreId}
   */
  public ExternalKeyStoreUpdate toUpdate(String customKeyStoreId) {
    return ExternalKeyStoreUpdate.builder()
        .customKeyStoreId(customKeyStoreId)
        .proxyUriPath(uriPath)
        .proxyCredential(credential)
        .build();
  }

  /** Names the path; never the credential. */
  @Override
  public String toString() {
    return "ProxyConfigurationFile{uriPath=" + uriPath + "}";
  }

  /** The first stage of {@link #specBuilder()}: the store's name. */
  @FunctionalInterface
  public interface NameStage {
    /** Sets the {@code CustomKeyStoreName}. */
    EndpointStage name(String name);
  }

  /** The second stage of {@link #specBuilder()}: the proxy's endpoint. */
  @FunctionalInterface
  public interface EndpointStage {
    /** Sets the {@code XksProxyUriEndpoint}. */
    ConnectivityStage proxyUriEndpoint(String endpoint);
  }

  /** The last stage of {@link #specBuilder()}: how KMS reaches the proxy. */
  @FunctionalInterface
  public interface ConnectivityStage {
    /** Sets the connectivity; the returned stage builds the spec. */
    ImmutableExternalKeyStoreSpec.BuildFinal connectivity(XksProxyConnectivity connectivity);
  }
}
