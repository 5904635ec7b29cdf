package dev.cks.cli;

import dev.cks.json.ProxyConfigurationFile;
import dev.cks.signer.SigV4Credentials;
import dev.cks.signer.XksRequestSigner;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 *
 * <p>Each thread keeps one connection of its own ({@link LoadConnection}), which signs every
 * request afresh. Besides throughput and latency, a run reports the CPU time this client spent per
 * request and, given the proxy's process id ({@code --server-pid}), the proxy's, both over the
 * measured seconds only.
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

  @Option(
      names = "--server-pid",
      defaultValue = "0",
      description = "Process id of the proxy, to report its CPU time per request; 0 for none.")
  long serverPid;

  @Override
  public Integer call() throws Exception {
    ProxyConfigurationFile configuration = ProxyConfigurationFile.read(config);
    XksRequestSigner signer =
        XksRequestSigner.builder()
            .region(region)
            .credentials(
                SigV4Credentials.of(
                    configuration.credential().accessKeyId(),
                    configuration.credential().rawSecretAccessKey().reveal()))
            .build();
    LoadConnection.Target target =
        new LoadConnection.Target(
            new InetSocketAddress(address, port),
            hostname,
            configuration.uriPath() + "/keys/" + key + "/encrypt",
            region,
            signer,
            trust,
            plainHttp,
            timeoutMillis);
    List<LoadConnection> pool = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      pool.add(new LoadConnection(target, new byte[plaintextBytes]));
    }
    PrintWriter out = spec.commandLine().getOut();
    try {
      run(pool, warmupSeconds);
      Result result = run(pool, durationSeconds);
      out.println(result.describe());
      out.flush();
      return result.errors == 0 ? 0 : 1;
    } finally {
      pool.forEach(LoadConnection::close);
    }
  }

  private Result run(List<LoadConnection> pool, int seconds) throws InterruptedException {
    long clientCpu = clientCpuNanos();
    long serverCpu = serverCpuNanos();
    long start = System.nanoTime();
    long end = start + Duration.ofSeconds(seconds).toNanos();
    AtomicLong errors = new AtomicLong();
    List<Recorder> recorders = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Recorder recorder = new Recorder();
      recorders.add(recorder);
      LoadConnection connection = pool.get(i);
      int lane = i;
      Runnable loop =
          rate > 0
              ? () -> openLoop(connection, lane, start, end, recorder, errors)
              : () -> closedLoop(connection, end, recorder, errors);
      Thread thread = new Thread(loop, "load-" + i);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long elapsed = System.nanoTime() - start;
    long serverCpuAfter = serverCpuNanos();
    return new Result(
        recorders,
        errors.get(),
        elapsed,
        clientCpuNanos() - clientCpu,
        serverCpu < 0 || serverCpuAfter < 0 ? -1 : serverCpuAfter - serverCpu);
  }

  private static void closedLoop(
      LoadConnection connection, long end, Recorder recorder, AtomicLong errors) {
    while (System.nanoTime() < end) {
      long sent = System.nanoTime();
      send(connection, errors);
      recorder.add(System.nanoTime() - sent);
    }
  }

  private void openLoop(
      LoadConnection connection,
      int lane,
      long start,
      long end,
      Recorder recorder,
      AtomicLong errors) {
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
      send(connection, errors);
      recorder.add(System.nanoTime() - scheduled);
    }
  }

  private static void send(LoadConnection connection, AtomicLong errors) {
    try {
      if (!connection.encrypt()) {
        errors.incrementAndGet();
      }
    } catch (IOException | RuntimeException e) {
      errors.incrementAndGet();
    }
  }

  /** The CPU time this process has used, in nanoseconds. */
  private static long clientCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The CPU time the proxy's process has used, in nanoseconds; -1 when unknown. */
  private long serverCpuNanos() {
    if (serverPid <= 0) {
      return -1;
    }
    Optional<Duration> total =
        ProcessHandle.of(serverPid).flatMap(process -> process.info().totalCpuDuration());
    return total.map(Duration::toNanos).orElse(-1L);
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
    final long clientCpuNanos;
    final long serverCpuNanos;

    Result(
        List<Recorder> recorders,
        long errors,
        long elapsedNanos,
        long clientCpuNanos,
        long serverCpuNanos) {
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
      this.clientCpuNanos = clientCpuNanos;
      this.serverCpuNanos = serverCpuNanos;
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
              latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6)
          + cpu(" clientCpu=", clientCpuNanos)
          + cpu(" serverCpu=", serverCpuNanos);
    }

    /** CPU time per request in microseconds, or nothing when unknown. */
    private String cpu(String label, long nanos) {
      if (nanos < 0 || latencies.length == 0) {
        return "";
      }
      return String.format(Locale.ROOT, "%s%.1f us/req", label, nanos / 1e3 / latencies.length);
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
