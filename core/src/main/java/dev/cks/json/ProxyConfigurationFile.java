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
 * <p>Members other than these two are ignored. {@code toString()} shows the path only.
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
