package dev.cks.signer;

import java.util.ArrayList;
import java.util.List;

/** The parts of a SigV4 canonical request: URI, query and header values. */
final class Canonical {

  private static final byte[] UPPER_HEX = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'
  };

  /** Chars that stay as they are in a URI-encoded string: RFC 3986's unreserved set. */
  private static final boolean[] UNRESERVED = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      UNRESERVED[c] = true;
      UNRESERVED[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      UNRESERVED[c] = true;
    }
    UNRESERVED['-'] = true;
    UNRESERVED['_'] = true;
    UNRESERVED['.'] = true;
    UNRESERVED['~'] = true;
  }

  private Canonical() {}

  static boolean isUnreserved(char c) {
    return c < 128 && UNRESERVED[c];
  }

  /**
   * Whether a path is its own canonical URI under every option: it starts with {@code /}, holds
   * only unreserved chars and single slashes, and has no {@code .} or {@code ..} segment.
   */
  static boolean isPlainPath(CharSequence path) {
    int length = path.length();
    if (length == 0 || path.charAt(0) != '/') {
      return false;
    }
    int segmentStart = 1;
    for (int i = 1; i <= length; i++) {
      char c = i < length ? path.charAt(i) : '/';
      if (c == '/') {
        int segmentLength = i - segmentStart;
        if (segmentLength == 0 && i < length) {
          return false;
        }
        if (segmentLength == 1 && path.charAt(segmentStart) == '.'
            || segmentLength == 2
                && path.charAt(segmentStart) == '.'
                && path.charAt(segmentStart + 1) == '.') {
          return false;
        }
        segmentStart = i + 1;
      } else if (!isUnreserved(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Appends the canonical URI of a path as sent on the wire.
   *
   * @param normalize remove empty, {@code .} and {@code ..} segments; a trailing slash stays only
   *     when the path ends with one
   * @param encode URI-encode the path once more, slashes excepted, as every service but S3 expects
   */
  static void appendUri(AsciiBuffer out, String path, boolean normalize, boolean encode) {
    if (isPlainPath(path)) {
      out.appendAscii(path);
      return;
    }
    if (path.isEmpty()) {
      out.append((byte) '/');
      return;
    }
    if (!normalize) {
      appendPathSegment(out, path, 0, path.length(), encode);
      return;
    }
    List<int[]> segments = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= path.length(); i++) {
      if (i == path.length() || path.charAt(i) == '/') {
        int count = i - start;
        boolean dot = count == 1 && path.charAt(start) == '.';
        boolean dotDot = count == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.';
        if (dotDot) {
          if (!segments.isEmpty()) {
            segments.remove(segments.size() - 1);
          }
        } else if (count > 0 && !dot) {
          segments.add(new int[] {start, i});
        }
        start = i + 1;
      }
    }
    for (int[] segment : segments) {
      out.append((byte) '/');
      appendPathSegment(out, path, segment[0], segment[1], encode);
    }
    if (segments.isEmpty() || path.charAt(path.length() - 1) == '/') {
      out.append((byte) '/');
    }
  }

  private static void appendPathSegment(
      AsciiBuffer out, String path, int from, int to, boolean encode) {
    if (encode) {
      appendUriEncoded(out, path, from, to, true);
    } else {
      out.appendUtf8(path, from, to);
    }
  }

  /** Appends text URI-encoded as UTF-8, keeping unreserved chars and, if asked, slashes. */
  static void appendUriEncoded(
      AsciiBuffer out, CharSequence text, int from, int to, boolean keepSlash) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (isUnreserved(c) || keepSlash && c == '/') {
        out.append((byte) c);
      } else if (c < 0x80) {
        appendPercent(out, c);
      } else {
        int mark = out.length;
        int end = Character.isHighSurrogate(c) && i + 1 < to ? i + 2 : i + 1;
        out.appendUtf8(text, i, end);
        int produced = out.length - mark;
        byte[] encoded = new byte[produced];
        System.arraycopy(out.bytes, mark, encoded, 0, produced);
        out.length = mark;
        for (byte b : encoded) {
          appendPercent(out, b & 0xff);
        }
        i = end - 1;
      }
    }
  }

  private static void appendPercent(AsciiBuffer out, int b) {
    out.ensure(3);
    out.bytes[out.length++] = '%';
    out.bytes[out.length++] = UPPER_HEX[b >> 4];
    out.bytes[out.length++] = UPPER_HEX[b & 0xf];
  }

  /** Text URI-encoded as UTF-8, keeping only unreserved chars. */
  static String uriEncode(String text) {
    boolean plain = true;
    for (int i = 0; i < text.length() && plain; i++) {
      plain = isUnreserved(text.charAt(i));
    }
    if (plain) {
      return text;
    }
    AsciiBuffer out = new AsciiBuffer(text.length() * 3 + 8);
    appendUriEncoded(out, text, 0, text.length(), false);
    return out.toLatin1String();
  }

  /**
   * Appends the canonical query of decoded name/value pairs: each URI-encoded, pairs with an empty
   * name dropped, the rest sorted by name and then by value, joined by {@code &}.
   *
   * @param pairs names at even indexes, values at odd ones
   */
  static void appendQuery(AsciiBuffer out, String[] pairs) {
    if (pairs.length == 0) {
      return;
    }
    List<String[]> encoded = new ArrayList<>(pairs.length / 2);
    for (int i = 0; i < pairs.length; i += 2) {
      if (!pairs[i].isEmpty()) {
        encoded.add(new String[] {uriEncode(pairs[i]), uriEncode(pairs[i + 1])});
      }
    }
    encoded.sort(
        (a, b) -> {
          int byName = a[0].compareTo(b[0]);
          return byName != 0 ? byName : a[1].compareTo(b[1]);
        });
    for (int i = 0; i < encoded.size(); i++) {
      if (i > 0) {
        out.append((byte) '&');
      }
      out.appendAscii(encoded.get(i)[0]).append((byte) '=').appendAscii(encoded.get(i)[1]);
    }
  }

  /**
   * Splits a raw query string as sent on the wire into decoded name/value pairs: {@code &}
   * separates pairs, the first {@code =} separates name from value, {@code %XX} sequences are
   * decoded as UTF-8 and a {@code +} stays a plus sign.
   */
  static String[] parseQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return new String[0];
    }
    List<String> pairs = new ArrayList<>();
    int start = 0;
    while (start <= rawQuery.length()) {
      int end = rawQuery.indexOf('&', start);
      end = end < 0 ? rawQuery.length() : end;
      if (end > start) {
        int equals = rawQuery.indexOf('=', start);
        int nameEnd = equals < 0 || equals > end ? end : equals;
        pairs.add(percentDecode(rawQuery, start, nameEnd));
        pairs.add(nameEnd == end ? "" : percentDecode(rawQuery, nameEnd + 1, end));
      }
      start = end + 1;
    }
    return pairs.toArray(new String[0]);
  }

  /** Decodes {@code %XX} sequences as UTF-8; a malformed sequence stays as it is. */
  static String percentDecode(String text, int from, int to) {
    if (text.indexOf('%', from) < 0 || text.indexOf('%', from) >= to) {
      return text.substring(from, to);
    }
    AsciiBuffer bytes = new AsciiBuffer(to - from);
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      int high = i + 2 < to && c == '%' ? Character.digit(text.charAt(i + 1), 16) : -1;
      int low = high >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
      if (low >= 0) {
        bytes.append((byte) (high << 4 | low));
        i += 2;
      } else {
        bytes.appendUtf8(text, i, i + 1);
      }
    }
    return new String(bytes.bytes, 0, bytes.length, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Whether a char counts as whitespace in a header value. */
  static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
  }

  /**
   * Appends a header value as UTF-8 with leading and trailing whitespace removed and each inner run
   * of whitespace reduced to one space.
   */
  static void appendHeaderValue(AsciiBuffer out, CharSequence value) {
    if (!appendPlainHeaderValue(out, value)) {
      appendFoldedHeaderValue(out, value);
    }
  }

  /**
   * Copies a value of printable ASCII with single inner spaces, which is its own canonical form;
   * leaves the buffer unchanged and returns false for any other value.
   */
  private static boolean appendPlainHeaderValue(AsciiBuffer out, CharSequence value) {
    int length = value.length();
    if (length == 0 || value.charAt(0) == ' ' || value.charAt(length - 1) == ' ') {
      return false;
    }
    out.ensure(length);
    byte[] b = out.bytes;
    int n = out.length;
    char previous = 0;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < ' ' || c >= 0x7f || c == ' ' && previous == ' ') {
        return false;
      }
      b[n++] = (byte) c;
      previous = c;
    }
    out.length = n;
    return true;
  }

  private static void appendFoldedHeaderValue(AsciiBuffer out, CharSequence value) {
    int length = value.length();
    int start = 0;
    while (start < length && isWhitespace(value.charAt(start))) {
      start++;
    }
    int end = length;
    while (end > start && isWhitespace(value.charAt(end - 1))) {
      end--;
    }
    int wordStart = start;
    for (int i = start; i < end; i++) {
      if (isWhitespace(value.charAt(i))) {
        out.appendUtf8(value, wordStart, i).append((byte) ' ');
        while (isWhitespace(value.charAt(i + 1))) {
          i++;
        }
        wordStart = i + 1;
      }
    }
    out.appendUtf8(value, wordStart, end);
  }
}
