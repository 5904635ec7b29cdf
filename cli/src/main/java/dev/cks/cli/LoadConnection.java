package dev.cks.cli;

import dev.cks.signer.SignatureHeaders;
import dev.cks.signer.XksRequestSigner;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * One keep-alive connection of {@code cks load-xks}: it sends signed Encrypt requests over HTTP/1.1
 * and reads the answers, with as little work of its own as it can, because the load client shares
 * the machine's cores with the proxy it measures.
 *
 * <p>Every request is built and signed afresh, with its own {@code kmsRequestId}, as KMS would send
 * it; the request line, headers and body leave in one write. An answer counts as served when its
 * status is 200 and its body carries a {@code ciphertext}. Not thread-safe: one per thread.
 */
final class LoadConnection implements AutoCloseable {

  private static final byte[] CIPHERTEXT = "\"ciphertext\":\"".getBytes(StandardCharsets.US_ASCII);

  private final Target target;
  private final byte[] bodyHead;
  private final byte[] bodyTail;
  private final StringBuilder text = new StringBuilder(1024);
  private byte[] line = new byte[256];
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  LoadConnection(Target target, byte[] plaintext) {
    this.target = target;
    this.bodyHead =
        ("{\"requestMetadata\":{\"awsPrincipalArn\":\"arn:aws:iam::111122223333:user/load\","
                + "\"kmsKeyArn\":\"arn:aws:kms:"
                + target.region
                + ":111122223333:key/load\",\"kmsOperation\":\"Encrypt\",\"kmsRequestId\":\"")
            .getBytes(StandardCharsets.US_ASCII);
    this.bodyTail =
        ("\"},\"plaintext\":\""
                + Base64.getEncoder().encodeToString(plaintext)
                + "\",\"encryptionAlgorithm\":\"AES_GCM\"}")
            .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Sends one Encrypt request and reads its answer, connecting first if needed.
   *
   * @return whether the proxy answered 200 with a ciphertext
   * @throws IOException if the connection fails; it is closed, and the next call connects anew
   */
  boolean encrypt() throws IOException {
    try {
      if (socket == null) {
        connect();
      }
      out.write(request());
      out.flush();
      return readAnswer();
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // Closing a broken connection may fail too; nothing is left to release.
      }
      socket = null;
    }
  }

  private void connect() throws IOException {
    Socket plain = new Socket();
    plain.setTcpNoDelay(true);
    plain.setSoTimeout(target.timeoutMillis);
    plain.connect(target.address, target.timeoutMillis);
    if (target.tls != null) {
      SSLSocket tls =
          (SSLSocket)
              target
                  .tls
                  .getSocketFactory()
                  .createSocket(plain, target.hostname, target.address.getPort(), true);
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      if (!Character.isDigit(target.hostname.charAt(0))) {
        parameters.setServerNames(List.of(new SNIHostName(target.hostname)));
      }
      tls.setSSLParameters(parameters);
      tls.startHandshake();
      socket = tls;
    } else {
      socket = plain;
    }
    in = new BufferedInputStream(socket.getInputStream(), 4096);
    out = socket.getOutputStream();
  }

  private byte[] request() {
    byte[] body = body();
    SignatureHeaders signature = target.signer.sign(target.hostHeader, target.path, body);
    text.setLength(0);
    text.append("POST ")
        .append(target.path)
        .append(" HTTP/1.1\r\nHost: ")
        .append(target.hostHeader)
        .append("\r\nContent-Type: application/json\r\nContent-Length: ")
        .append(body.length)
        .append("\r\n");
    signature.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
    text.append("\r\n");
    byte[] request = new byte[text.length() + body.length];
    for (int i = 0; i < text.length(); i++) {
      request[i] = (byte) text.charAt(i);
    }
    System.arraycopy(body, 0, request, text.length(), body.length);
    return request;
  }

  /** The request body, with a fresh random request id in the form of a UUID. */
  private byte[] body() {
    byte[] body = new byte[bodyHead.length + 36 + bodyTail.length];
    System.arraycopy(bodyHead, 0, body, 0, bodyHead.length);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = random.nextLong();
    long low = random.nextLong();
    int at = bodyHead.length;
    for (int i = 0; i < 32; i++) {
      if (i == 8 || i == 12 || i == 16 || i == 20) {
        body[at++] = '-';
      }
      long word = i < 16 ? high : low;
      int nibble = (int) (word >>> (60 - 4 * (i % 16))) & 0xf;
      body[at++] = (byte) (nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
    }
    System.arraycopy(bodyTail, 0, body, at, bodyTail.length);
    return body;
  }

  /** Reads the status line, the headers and a body of Content-Length bytes. */
  private boolean readAnswer() throws IOException {
    String status = readLine();
    if (status == null || !status.startsWith("HTTP/1.1 ")) {
      throw new IOException("the proxy answered no HTTP/1.1 status line");
    }
    int length = 0;
    boolean closing = false;
    String header;
    while ((header = readLine()) != null && !header.isEmpty()) {
      int colon = header.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = header.substring(0, colon);
      String value = header.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("content-length")) {
        length = Integer.parseInt(value);
      } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
        closing = true;
      }
    }
    if (header == null) {
      throw new IOException("the connection ended inside the answer's headers");
    }
    byte[] body = in.readNBytes(length);
    if (body.length != length) {
      throw new IOException("the connection ended inside the answer's body");
    }
    if (closing) {
      close();
    }
    return status.startsWith("HTTP/1.1 200 ") && contains(body, CIPHERTEXT);
  }

  /** One line without its CRLF, or null at the end of the stream. */
  private String readLine() throws IOException {
    int length = 0;
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        return null;
      }
      if (length == line.length) {
        line = Arrays.copyOf(line, length * 2);
      }
      line[length++] = (byte) b;
    }
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    return new String(line, 0, length, StandardCharsets.ISO_8859_1);
  }

  private static boolean contains(byte[] body, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= body.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (body[i + j] != part[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** Where and how the connections of one load run send their requests. */
  static final class Target {
    final InetSocketAddress address;
    final String hostname;
    final String hostHeader;
    final String path;
    final String region;
    final XksRequestSigner signer;
    final SSLContext tls;
    final int timeoutMillis;

    /**
     * @param trustPem the PEM certificates to trust, or null for plain HTTP
     */
    Target(
        InetSocketAddress address,
        String hostname,
        String path,
        String region,
        XksRequestSigner signer,
        Path trustPem,
        boolean plainHttp,
        int timeoutMillis)
        throws IOException, GeneralSecurityException {
      this.address = address;
      this.hostname = hostname;
      int defaultPort = plainHttp ? 80 : 443;
      this.hostHeader =
          hostname + (address.getPort() == defaultPort ? "" : ":" + address.getPort());
      this.path = path;
      this.region = region;
      this.signer = signer;
      this.tls = plainHttp ? null : context(trustPem);
      this.timeoutMillis = timeoutMillis;
    }

    private static SSLContext context(Path trustPem) throws IOException, GeneralSecurityException {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (trustPem == null) {
        trust.init((KeyStore) null);
      } else {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        int i = 0;
        for (Certificate certificate :
            CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(trustPem)))) {
          anchors.setCertificateEntry("trusted-" + i++, certificate);
        }
        if (i == 0) {
          throw new IllegalArgumentException(
              "--trust must name a PEM file with a CERTIFICATE, was " + trustPem);
        }
        trust.init(anchors);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    }
  }
}
