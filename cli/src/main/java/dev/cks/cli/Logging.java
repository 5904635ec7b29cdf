package dev.cks.cli;

/** Sets up the simple SLF4J binding of the command line before any logger exists. */
final class Logging {

  private Logging() {}

  /**
   * Logs INFO and above to standard error with a time stamp, and the proxy's per-request lines,
   * unless the system properties already say otherwise; for {@code cks demo}, warnings only.
   */
  static void configure(String... args) {
    // The demo speaks for itself; its log would only repeat it, so only warnings show.
    boolean demo = args.length > 0 && args[0].equals("demo");
    setDefault("org.slf4j.simpleLogger.defaultLogLevel", demo ? "warn" : "info");
    setDefault("org.slf4j.simpleLogger.log.dev.cks.local.requests", demo ? "warn" : "debug");
    setDefault("org.slf4j.simpleLogger.showDateTime", "true");
    setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
    setDefault("org.slf4j.simpleLogger.showThreadName", "false");
    setDefault("sun.net.httpserver.nodelay", "true");
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
