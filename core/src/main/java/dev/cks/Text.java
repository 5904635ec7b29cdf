package dev.cks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/** Renders values for messages: quoted, escaped and shortened, so a message stays one line. */
final class Text {

  /** Values longer than this many characters are shortened in messages. */
  static final int SHOWN = 80;

  private Text() {}

  /** The length as KMS counts it: in characters (Unicode code points). */
  static int length(String value) {
    return value.codePointCount(0, value.length());
  }

  /**
   * The value in double quotes with quotes, backslashes and control characters escaped; a value
   * longer than {@link #SHOWN} characters is cut and followed by its length.
   */
  static String quote(String value) {
    int length = length(value);
    if (length <= SHOWN) {
      return "\"" + escape(value) + "\"";
    }
    String head = value.substring(0, value.offsetByCodePoints(0, SHOWN));
    return "\"" + escape(head) + "...\" (" + length + " characters)";
  }

  /** The distinct characters of the value that fail the test, in order of first appearance. */
  static List<String> offending(String value, IntPredicate allowed) {
    Set<Integer> found = new LinkedHashSet<>();
    value.codePoints().filter(allowed.negate()).forEach(found::add);
    List<String> shown = new ArrayList<>();
    for (int codePoint : found) {
      shown.add("'" + escape(new String(Character.toChars(codePoint))) + "'");
    }
    return shown;
  }

  /** Joins items as a reader would: {@code a}, {@code a and b}, {@code a, b and c}. */
  static String and(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }

  private static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    value
        .codePoints()
        .forEach(
            c -> {
              if (c == '"' || c == '\\') {
                out.append('\\').append((char) c);
              } else if (c == '\n') {
                out.append("\\n");
              } else if (c == '\r') {
                out.append("\\r");
              } else if (c == '\t') {
                out.append("\\t");
              } else if (Character.isISOControl(c)
                  || Character.getType(c) == Character.FORMAT
                  || Character.getType(c) == Character.SURROGATE) {
                out.append(String.format("\\u%04X", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }
}
