package dev.cks.local;

import dev.cks.XksProxyCredential;
import dev.cks.json.ProxyConfigurationFile;
import dev.cks.signer.SigV4Verifier;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An XKS proxy in the process: the XKS proxy API over HTTPS (TLS 1.2 and 1.3, HTTP/1.1), serving
 * one or more logical key stores, each at its own URI path with its own credentials and keys.
 *
 * <pre>{@code
 * InMemoryKeySource keys = InMemoryKeySource.create()
 *     .addKey("key-1", EnumSet.of(KeyUsage.ENCRYPT, KeyUsage.DECRYPT));
 * try (LocalXksProxy proxy = LocalXksProxy.builder()
 *     .hostnames("xks.example.com")
 *     .store(ProxyKeyStore.builder("/keystores/a/kms/xks/v1", keys).credential(cred).build())
 *     .start()) {
 *   String trustThis = proxy.certificatePem();
 *   int port = proxy.port();
 * }
 * }</pre>
 *
 * <p>What it does on each request, in order: an unknown URI path answers 404
 * InvalidUriPathException before any authentication; a method other than POST on an operation
 * answers 405; a SigV4 signature (service {@code kms-xks-proxy}, the proxy's region) that does not
 * verify against the store's credentials answers 401 AuthenticationFailedException, whatever the
 * reason; a store over its quota answers 429 ThrottlingException; then the body is validated and
 * the operation runs. Encrypt uses AES-GCM with a random 12-byte IV and a 16-byte tag; the
 * additional authenticated data given to AES-GCM binds the request's AAD and the returned
 * ciphertext metadata; with a requested integrity value, Encrypt answers only after a trial
 * decryption succeeded. Health comes from a deep check of each store's key source, reused for at
 * most the store's health maximum age. Answers are compact JSON.
 *
 * <p>Each request is logged at DEBUG to the logger {@code dev.cks.local.requests}, with its {@code
 * kmsRequestId}, operation, outcome and latency, never a payload, key or secret. Start and stop are
 * logged at INFO.
 *
 * <p>The server is Netty's, on its NIO transport with the JDK's TLS: {@link
 * Builder#workerThreads(int)} event-loop threads (one per core by default) accept connections, run
 * TLS and HTTP/1.1 with keep-alive, and serve each request on the thread of its connection. A
 * connection idle for 30 seconds is closed. Limitation: a request waits for its key source on that
 * thread, so a key manager that is slow to answer (a remote HSM) also delays the other connections
 * the thread serves; give such a proxy more worker threads.
 */
public final class LocalXksProxy implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalXksProxy.class);
  private static final String VERSION = "0.1.0";

  private final EventLoopGroup workers;
  private final ChannelGroup connections;
  private final Channel server;
  private final InetSocketAddress address;
  private final Map<String, XksHandler.StoreEntry> stores = new ConcurrentHashMap<>();
  private final String region;
  private final boolean tls;
  private final String certificatePem;
  private final String hostname;

  private LocalXksProxy(Builder builder) throws IOException {
    this.region = builder.region;
    this.tls = !builder.plainHttp;
    this.hostname = builder.hostnames.get(0);
    for (ProxyKeyStore store : builder.stores) {
      addStore(store);
    }
    SSLContext context = null;
    SSLParameters parameters = null;
    if (tls) {
      TlsIdentity identity =
          builder.certificatePem != null
              ? TlsIdentity.read(builder.certificatePem, builder.privateKeyPem)
              : TlsIdentity.generate(builder.hostnames, hostname);
      this.certificatePem = identity.certificatePem();
      if (builder.certificateOut != null) {
        Files.writeString(builder.certificateOut, certificatePem, StandardCharsets.US_ASCII);
      }
      context = TlsContexts.server(identity, builder.clientCas, builder.clientName);
      parameters = TlsContexts.parameters(context, builder.clientCas != null);
    } else {
      this.certificatePem = null;
    }
    Operations operations =
        new Operations(
            "cks LocalXksProxy " + VERSION, builder.maxPlaintextBytes, builder.maxAadBytes);
    int maxBody = (builder.maxPlaintextBytes + builder.maxAadBytes) / 3 * 4 + 16 * 1024;
    XksHandler handler = new XksHandler(stores, operations, maxBody);

    this.workers =
        new MultiThreadIoEventLoopGroup(
            builder.workerThreads,
            new DefaultThreadFactory("xks-proxy-worker", true),
            NioIoHandler.newFactory());
    this.connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    ChannelFuture bound =
        new ServerBootstrap()
            .group(workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 256)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new Connections(handler, context, parameters, connections))
            .bind(new InetSocketAddress(builder.bindAddress, builder.port))
            .awaitUninterruptibly();
    if (!bound.isSuccess()) {
      workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw new IOException(
          "cannot listen on " + builder.bindAddress.getHostAddress() + ":" + builder.port,
          bound.cause());
    }
    this.server = bound.channel();
    this.address = (InetSocketAddress) server.localAddress();
    LOG.info(
        "XKS proxy serving {} on {} with {} key stores",
        tls ? "HTTPS" : "plain HTTP",
        address,
        stores.size());
  }

  /** A builder with one worker thread per core, region {@code us-east-1} and a loopback port. */
  public static Builder builder() {
    return new Builder();
  }

  /** The port the proxy listens on. */
  public int port() {
    return address.getPort();
  }

  /** The address the proxy listens on. */
  public InetSocketAddress address() {
    return address;
  }

  /**
   * The URL the proxy serves on, with the first hostname and the port, such as {@code
   * https://localhost:8443}.
   */
  public URI url() {
    return URI.create((tls ? "https://" : "http://") + hostname + ":" + port());
  }

  /** The region the proxy expects in signatures. */
  public String region() {
    return region;
  }

  /**
   * The PEM certificate chain the proxy presents, for a client to trust; empty in plain-HTTP mode.
   */
  public Optional<String> certificatePem() {
    return Optional.ofNullable(certificatePem);
  }

  /** The store at the given URI path. */
  public Optional<ProxyKeyStore> store(String uriPath) {
    return Optional.ofNullable(stores.get(uriPath)).map(XksHandler.StoreEntry::store);
  }

  /** The URI paths of the stores served now. */
  public List<String> uriPaths() {
    return List.copyOf(stores.keySet());
  }

  /**
   * Serves another store from now on.
   *
   * @throws IllegalArgumentException if a store is already served at its URI path
   */
  public void addStore(ProxyKeyStore store) {
    SigV4Verifier verifier =
        SigV4Verifier.builder()
            .region(region)
            .service("kms-xks-proxy")
            .credentials(store.credentialLookup())
            .build();
    if (stores.putIfAbsent(store.uriPath(), new XksHandler.StoreEntry(store, verifier)) != null) {
      throw new IllegalArgumentException("a store is already served at " + store.uriPath());
    }
  }

  /**
   * Stops serving the store at the given path; its URI then answers InvalidUriPathException.
   *
   * @return whether a store was served there
   */
  public boolean removeStore(String uriPath) {
    return stores.remove(uriPath) != null;
  }

  /**
   * Makes a fresh credential for the store at {@code uriPath}, accepts it from now on, and writes
   * it with the path to {@code file} in the format of the KMS console's proxy configuration file.
   *
   * @return the configuration written
   * @throws IllegalArgumentException if no store is served at {@code uriPath}
   * @throws UncheckedIOException if the file cannot be written
   */
  public ProxyConfigurationFile writeConfiguration(String uriPath, Path file) {
    ProxyKeyStore store =
        store(uriPath)
            .orElseThrow(
                () -> new IllegalArgumentException("no store is served at \"" + uriPath + "\""));
    ProxyConfigurationFile configuration =
        ProxyConfigurationFile.of(uriPath, XksProxyCredential.generate());
    configuration.write(file);
    store.addCredential(configuration.credential());
    return configuration;
  }

  /**
   * Stops the server: no new connection is accepted, requests in progress are answered, then every
   * connection is closed. Waits up to about a second for requests in progress.
   */
  @Override
  public void close() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    server.close().awaitUninterruptibly(remainingMillis(deadline));
    connections.close().awaitUninterruptibly(remainingMillis(deadline));
    workers
        .shutdownGracefully(0, remainingMillis(deadline), TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(remainingMillis(deadline));
    LOG.info("XKS proxy on {} stopped", address);
  }

  private static long remainingMillis(long deadline) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }

  @Override
  public String toString() {
    return "LocalXksProxy[" + url() + ", " + stores.size() + " stores]";
  }

  /** Sets up each accepted connection: TLS, the HTTP codec, an idle timeout, the handler. */
  private static final class Connections extends ChannelInitializer<SocketChannel> {
    private final XksHandler handler;
    private final SSLContext context;
    private final SSLParameters parameters;
    private final ChannelGroup open;

    Connections(
        XksHandler handler, SSLContext context, SSLParameters parameters, ChannelGroup open) {
      this.handler = handler;
      this.context = context;
      this.parameters = parameters;
      this.open = open;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
      open.add(channel);
      ChannelPipeline pipeline = channel.pipeline();
      if (context != null) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setSSLParameters(parameters);
        pipeline.addLast(new SslHandler(engine));
      }
      pipeline.addLast(new IdleStateHandler(0, 0, 30, TimeUnit.SECONDS));
      pipeline.addLast(new HttpServerCodec());
      pipeline.addLast(new HttpServerExpectContinueHandler());
      pipeline.addLast(new XksConnection(handler));
    }
  }

  /** Builds and starts a {@link LocalXksProxy}. */
  public static final class Builder {
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port;
    private String region = "us-east-1";
    private List<String> hostnames = List.of("localhost");
    private final List<ProxyKeyStore> stores = new ArrayList<>();
    private Path certificatePem;
    private Path privateKeyPem;
    private Path certificateOut;
    private boolean plainHttp;
    private List<X509Certificate> clientCas;
    private String clientName;
    private int workerThreads = Runtime.getRuntime().availableProcessors();
    private int maxPlaintextBytes = 65_536;
    private int maxAadBytes = 16_384;

    private Builder() {}

    /** Sets the address to listen on; the loopback address by default. */
    public Builder bindAddress(InetAddress bindAddress) {
      this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
      return this;
    }

    /** Sets the port to listen on; 0, the default, picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** Sets the AWS Region signatures must be scoped to; {@code us-east-1} by default. */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /**
     * Sets the hostnames (or IP addresses) the generated certificate is issued for; the first also
     * names the proxy in {@link #url()}. {@code localhost} by default.
     */
    public Builder hostnames(String... hostnames) {
      return hostnames(List.of(hostnames));
    }

    /** Sets the hostnames, as {@link #hostnames(String...)}. */
    public Builder hostnames(List<String> hostnames) {
      if (hostnames.isEmpty()) {
        throw new IllegalArgumentException("hostnames must name at least one host");
      }
      this.hostnames = List.copyOf(hostnames);
      return this;
    }

    /** Serves a logical key store; call it again for more. */
    public Builder store(ProxyKeyStore store) {
      stores.add(Objects.requireNonNull(store, "store"));
      return this;
    }

    /**
     * Presents the certificate chain (leaf first) and unencrypted private key in the given PEM
     * files instead of a generated certificate.
     */
    public Builder certificate(Path certificateChainPem, Path privateKeyPem) {
      this.certificatePem = Objects.requireNonNull(certificateChainPem);
      this.privateKeyPem = Objects.requireNonNull(privateKeyPem);
      return this;
    }

    /** Writes the certificate the proxy presents, as PEM, to this file when it starts. */
    public Builder certificateOut(Path file) {
      this.certificateOut = Objects.requireNonNull(file);
      return this;
    }

    /**
     * Serves plain HTTP instead of HTTPS, for use behind a TLS terminator or for debugging. KMS
     * itself never calls plain HTTP.
     */
    public Builder plainHttp() {
      this.plainHttp = true;
      return this;
    }

    /**
     * Requires a client certificate that chains to one of the certificates in the given PEM file
     * and, when {@code clientName} is not null, is issued to that name (as a DNS subject
     * alternative name or the common name), such as {@code cks.kms.us-east-1.amazonaws.com}. A
     * client without such a certificate fails the TLS handshake.
     */
    public Builder mutualTls(Path clientCaPem, String clientName) {
      List<X509Certificate> cas = TlsIdentity.readCertificates(clientCaPem);
      if (cas.isEmpty()) {
        throw new IllegalArgumentException(clientCaPem + " holds no PEM CERTIFICATE");
      }
      this.clientCas = cas;
      this.clientName = clientName;
      return this;
    }

    /** Sets the number of threads that serve requests; one per core by default. */
    public Builder workerThreads(int workerThreads) {
      if (workerThreads < 1) {
        throw new IllegalArgumentException(
            "workerThreads must be at least 1, was " + workerThreads);
      }
      this.workerThreads = workerThreads;
      return this;
    }

    /**
     * Sets the largest plaintext (and ciphertext) accepted, at least the 4300 bytes the API
     * requires; 65536 by default. Larger inputs answer UnsupportedOperationException.
     */
    public Builder maxPlaintextBytes(int maxPlaintextBytes) {
      if (maxPlaintextBytes < 4300) {
        throw new IllegalArgumentException(
            "maxPlaintextBytes must be at least 4300, was " + maxPlaintextBytes);
      }
      this.maxPlaintextBytes = maxPlaintextBytes;
      return this;
    }

    /**
     * Sets the largest additional authenticated data accepted, between the 8192 bytes the API
     * requires and 65535; 16384 by default. Larger inputs answer UnsupportedOperationException.
     */
    public Builder maxAadBytes(int maxAadBytes) {
      if (maxAadBytes < 8192 || maxAadBytes > 65535) {
        throw new IllegalArgumentException(
            "maxAadBytes must be between 8192 and 65535, was " + maxAadBytes);
      }
      this.maxAadBytes = maxAadBytes;
      return this;
    }

    /**
     * Starts the proxy.
     *
     * @throws UncheckedIOException if it cannot listen or write the certificate
     * @throws IllegalArgumentException if two stores share a URI path or a PEM file is unusable
     */
    public LocalXksProxy start() {
      try {
        return new LocalXksProxy(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the XKS proxy", e);
      }
    }
  }
}
