package dev.cks.cli;

import dev.cks.CustomKeyStoreDescription;
import dev.cks.client.WaitListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * The lines a command prints while it works: each poll of a wait, and the steps between; nothing
 * when the command prints JSON.
 */
final class Progress implements WaitListener {

  private final PrintWriter out;

  private Progress(PrintWriter out) {
    this.out = out;
  }

  /** Progress printed to {@code out}. */
  static Progress to(PrintWriter out) {
    return new Progress(out);
  }

  /** Progress that prints nothing. */
  static Progress silent() {
    return new Progress(null);
  }

  void say(String line) {
    if (out != null) {
      out.println(line);
      out.flush();
    }
  }

  @Override
  public void onPoll(CustomKeyStoreDescription store, int poll, Duration elapsed) {
    say("  poll " + poll + ": " + state(store) + " after " + seconds(elapsed));
  }

  /** The store's connection state, with its error code when it has one. */
  static String state(CustomKeyStoreDescription store) {
    return store.connectionStateAsString()
        + store.connectionErrorCodeAsString().map(code -> " (" + code + ")").orElse("");
  }

  /** A duration in seconds with one decimal, such as {@code 2.5 s}. */
  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
