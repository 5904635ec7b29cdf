package dev.cks.cli;

/** Sets up the simple SLF4J binding of the command line before any logger exists. */
final class Logging {

  private Logging() {}

  /**
   * Logs INFO and above to standard error with a time stamp, and the proxy's per-request lines,
   * unless the system properties already say otherwise.
   */
  static void configure() {
    setDefault("org.slf4j.simpleLogger.defaultLogLevel", "info");
    setDefault("org.slf4j.simpleLogger.log.dev.cks.local.requests", "debug");
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
