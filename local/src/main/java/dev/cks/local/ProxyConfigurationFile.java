package dev.cks.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cks.Secret;
import dev.cks.xks.XksCredential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.UUID;

/**
 * The proxy configuration file that the KMS console takes when an external key store is created or
 * edited: a URI path and one credential.
 *
 * <pre>{@code
 * {"XksProxyUriPath":"/keystores/<uuid>/kms/xks/v1",
 *  "XksProxyAuthenticationCredential":{"AccessKeyId":"...","RawSecretAccessKey":"..."}}
 * }</pre>
 *
 * <p>{@link #toString()} never shows the secret. Files are written readable by their owner only.
 */
public final class ProxyConfigurationFile {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String uriPath;
  private final XksCredential credential;

  private ProxyConfigurationFile(String uriPath, XksCredential credential) {
    this.uriPath = ProxyKeyStore.checkUriPath(uriPath);
    this.credential = Objects.requireNonNull(credential, "credential");
  }

  /**
   * A configuration of the given path and credential.
   *
   * @throws IllegalArgumentException if the path is not a valid {@code XksProxyUriPath}
   */
  public static ProxyConfigurationFile of(String uriPath, XksCredential credential) {
    return new ProxyConfigurationFile(uriPath, credential);
  }

  /** A configuration of the given path with a fresh random credential. */
  public static ProxyConfigurationFile generate(String uriPath) {
    return new ProxyConfigurationFile(uriPath, XksCredential.generate());
  }

  /** A configuration of a fresh path {@code /keystores/<uuid>/kms/xks/v1} and credential. */
  public static ProxyConfigurationFile generate() {
    return generate("/keystores/" + UUID.randomUUID() + "/kms/xks/v1");
  }

  /**
   * Reads a configuration file.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if it is not a valid configuration; the message never holds
   *     the secret
   */
  public static ProxyConfigurationFile read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "proxy configuration file " + file + " is not readable JSON", e);
    }
    JsonNode credential = root == null ? null : root.get("XksProxyAuthenticationCredential");
    if (root == null
        || !root.path("XksProxyUriPath").isTextual()
        || credential == null
        || !credential.path("AccessKeyId").isTextual()
        || !credential.path("RawSecretAccessKey").isTextual()) {
      throw new IllegalArgumentException(
          "proxy configuration file "
              + file
              + " must hold XksProxyUriPath and XksProxyAuthenticationCredential with AccessKeyId"
              + " and RawSecretAccessKey");
    }
    return of(
        root.get("XksProxyUriPath").textValue(),
        XksCredential.of(
            credential.get("AccessKeyId").textValue(),
            Secret.of(credential.get("RawSecretAccessKey").textValue())));
  }

  /** The URI path, such as {@code /keystores/a/kms/xks/v1}. */
  public String uriPath() {
    return uriPath;
  }

  /** The credential. */
  public XksCredential credential() {
    return credential;
  }

  /**
   * Writes the file, replacing any file there, readable by its owner only.
   *
   * @throws UncheckedIOException if it cannot be written
   */
  public void write(Path file) {
    ObjectNode root = JSON.createObjectNode();
    root.put("XksProxyUriPath", uriPath);
    ObjectNode cred = root.putObject("XksProxyAuthenticationCredential");
    cred.put("AccessKeyId", credential.accessKeyId());
    cred.put("RawSecretAccessKey", credential.secretAccessKey().reveal());
    try {
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(file, JSON.writeValueAsBytes(root), StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write proxy configuration file " + file, e);
    }
  }

  @Override
  public String toString() {
    return "ProxyConfigurationFile[" + uriPath + ", " + credential + "]";
  }
}
