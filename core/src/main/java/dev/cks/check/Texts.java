package dev.cks.check;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Small pieces of the sentences of a proxy check. */
final class Texts {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  private Texts() {}

  /** {@code 250 ms}, or {@code 5 s} for whole seconds. */
  static String duration(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  /** Nanoseconds as whole milliseconds, such as {@code 12 ms}. */
  static String millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
  }

  /** The UTC date of an instant, such as {@code 2027-03-01}. */
  static String date(Instant instant) {
    return DATE.format(instant);
  }

  /** {@code 1 day} or {@code 12 days}. */
  static String days(long days) {
    return days + (days == 1 ? " day" : " days");
  }

  /**
   * Text a proxy sent, made safe for a one-line report: characters outside printable ASCII become
   * {@code ?}, and it is cut after 100 characters.
   */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && i < 100; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c <= 0x7e ? c : '?');
    }
    return text.length() > 100 ? out + "..." : out.toString();
  }

  /** Up to five names joined by commas, then how many more there are. */
  static String some(List<String> names) {
    String shown = String.join(", ", names.subList(0, Math.min(5, names.size())));
    return names.size() > 5 ? shown + " and " + (names.size() - 5) + " more" : shown;
  }

  /** What an I/O failure says: its message, or its class when it has none. */
  static String cause(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank()
        ? failure.getClass().getSimpleName()
        : printable(message);
  }
}
