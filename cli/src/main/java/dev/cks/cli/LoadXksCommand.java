package dev.cks.cli;

import dev.cks.json.ProxyConfigurationFile;
import dev.cks.xks.XksEncryptRequest;
import dev.cks.xks.XksProxyClient;
import dev.cks.xks.XksRequestMetadata;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cks load-xks}: a load run of Encrypt against a running XKS proxy, for measuring it. Run it
 * in another JVM than the proxy.
 *
 * <p>Closed loop (the default): each connection sends its next request as soon as the previous
 * answer arrives, for the most requests per second. Open loop ({@code --rate}): requests are
 * scheduled at a fixed rate, spread over the connections, and each latency is counted from the
 * scheduled send time, so that a stall is charged to every request it delays. Both warm up first at
 * the same load, unmeasured.
 */
@Command(
    name = "load-xks",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = {
      "Load run of Encrypt against a running XKS proxy: closed loop for the most requests per"
          + " second, or --rate for latency at a fixed rate. Prints throughput and latency"
          + " percentiles.",
      "",
      "Example:",
      "  cks xks-proxy --port 8443 --config store.json --key k1 --cert-out proxy.pem &",
      "  cks load-xks --port 8443 --config store.json --trust proxy.pem --key k1",
      "  cks load-xks --port 8443 --config store.json --trust proxy.pem --key k1 --rate 5000",
      ""
    })
final class LoadXksCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--hostname", defaultValue = "localhost", description = "Proxy hostname.")
  String hostname;

  @Option(names = "--address", defaultValue = "127.0.0.1", description = "Address to connect to.")
  String address;

  @Option(names = "--port", required = true, description = "Proxy port.")
  int port;

  @Option(names = "--config", required = true, description = "Proxy configuration file.")
  Path config;

  @Option(names = "--trust", description = "PEM certificate to trust (the proxy's --cert-out).")
  Path trust;

  @Option(names = "--plain-http", description = "The proxy serves plain HTTP.")
  boolean plainHttp;

  @Option(names = "--region", defaultValue = "us-east-1", description = "Signature region.")
  String region;

  @Option(names = "--key", defaultValue = "k1", description = "External key id to encrypt under.")
  String key;

  @Option(names = "--connections", defaultValue = "8", description = "Connections (threads).")
  int connections;

  @Option(names = "--warmup", defaultValue = "10", description = "Warm-up seconds.")
  int warmupSeconds;

  @Option(names = "--duration", defaultValue = "20", description = "Measured seconds.")
  int durationSeconds;

  @Option(
      names = "--rate",
      defaultValue = "0",
      description = "Requests per second for an open loop; 0 for a closed loop.")
  int rate;

  @Option(names = "--plaintext-bytes", defaultValue = "32", description = "Plaintext size.")
  int plaintextBytes;

  @Option(names = "--timeout-ms", defaultValue = "250", description = "Per-call timeout.")
  int timeoutMillis;

  @Override
  public Integer call() throws Exception {
    ProxyConfigurationFile configuration = ProxyConfigurationFile.read(config);
    XksProxyClient.Builder builder =
        XksProxyClient.builder()
            .endpoint((plainHttp ? "http://" : "https://") + hostname)
            .uriPath(configuration.uriPath())
            .credential(configuration.credential())
            .region(region)
            .resolve(hostname, new InetSocketAddress(address, port))
            .callTimeout(Duration.ofMillis(timeoutMillis));
    if (trust != null) {
      builder.trustPem(trust);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (XksProxyClient client = builder.build()) {
      run(client, warmupSeconds);
      Result result = run(client, durationSeconds);
      out.println(result.describe());
      out.flush();
      return result.errors == 0 ? 0 : 1;
    }
  }

  private Result run(XksProxyClient client, int seconds) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + Duration.ofSeconds(seconds).toNanos();
    AtomicLong errors = new AtomicLong();
    List<Recorder> recorders = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Recorder recorder = new Recorder();
      recorders.add(recorder);
      int lane = i;
      Runnable loop =
          rate > 0
              ? () -> openLoop(client, lane, start, end, recorder, errors)
              : () -> closedLoop(client, end, recorder, errors);
      Thread thread = new Thread(loop, "load-" + i);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return new Result(recorders, errors.get(), System.nanoTime() - start);
  }

  private void closedLoop(XksProxyClient client, long end, Recorder recorder, AtomicLong errors) {
    byte[] plaintext = new byte[plaintextBytes];
    while (System.nanoTime() < end) {
      long sent = System.nanoTime();
      send(client, plaintext, errors);
      recorder.add(System.nanoTime() - sent);
    }
  }

  private void openLoop(
      XksProxyClient client, int lane, long start, long end, Recorder recorder, AtomicLong errors) {
    byte[] plaintext = new byte[plaintextBytes];
    double interval = 1e9 / rate;
    for (long slot = lane; ; slot += connections) {
      long scheduled = start + (long) (slot * interval);
      if (scheduled >= end) {
        return;
      }
      long wait;
      while ((wait = scheduled - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      send(client, plaintext, errors);
      recorder.add(System.nanoTime() - scheduled);
    }
  }

  private void send(XksProxyClient client, byte[] plaintext, AtomicLong errors) {
    try {
      client.encrypt(
          XksEncryptRequest.builder(
                  key,
                  XksRequestMetadata.builder()
                      .kmsOperation("Encrypt")
                      .awsPrincipalArn("arn:aws:iam::111122223333:user/load")
                      .kmsKeyArn("arn:aws:kms:" + region + ":111122223333:key/load")
                      .build())
              .plaintext(plaintext)
              .build());
    } catch (RuntimeException e) {
      errors.incrementAndGet();
    }
  }

  /** Latencies of one thread, in nanoseconds. */
  private static final class Recorder {
    private long[] values = new long[1 << 16];
    private int size;

    void add(long nanos) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = nanos;
    }
  }

  /** The outcome of one measured run. */
  private final class Result {
    final long[] latencies;
    final long errors;
    final long elapsedNanos;

    Result(List<Recorder> recorders, long errors, long elapsedNanos) {
      int total = recorders.stream().mapToInt(r -> r.size).sum();
      latencies = new long[total];
      int at = 0;
      for (Recorder recorder : recorders) {
        System.arraycopy(recorder.values, 0, latencies, at, recorder.size);
        at += recorder.size;
      }
      Arrays.sort(latencies);
      this.errors = errors;
      this.elapsedNanos = elapsedNanos;
    }

    String describe() {
      return String.format(
          Locale.ROOT,
          "mode=%s connections=%d seconds=%d requests=%d errors=%d throughput=%.0f req/s"
              + " p50=%.2f ms p90=%.2f ms p99=%.2f ms p99.9=%.2f ms max=%.2f ms",
          rate > 0 ? "open(rate=" + rate + ")" : "closed",
          connections,
          durationSeconds,
          latencies.length,
          errors,
          latencies.length / (elapsedNanos / 1e9),
          percentile(0.50),
          percentile(0.90),
          percentile(0.99),
          percentile(0.999),
          latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6);
    }

    private double percentile(double p) {
      if (latencies.length == 0) {
        return 0;
      }
      int index = (int) Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1);
      return latencies[Math.max(0, index)] / 1e6;
    }
  }
}
