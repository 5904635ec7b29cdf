package dev.cks.local;

import dev.cks.errors.InvalidMarkerException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * Pagination markers of {@code DescribeCustomKeyStores}: the creation sequence number of the last
 * store of a page, authenticated under the master key, so a marker cannot be forged or altered.
 */
final class Markers {

  private static final String PURPOSE = "describe marker";
  private static final int TAG_BYTES = 16;

  private final MasterKey key;

  Markers(MasterKey key) {
    this.key = key;
  }

  /** The marker that continues after the store with this sequence number. */
  String after(long seq) {
    byte[] body = ByteBuffer.allocate(Long.BYTES).putLong(seq).array();
    byte[] marker = Arrays.copyOf(body, Long.BYTES + TAG_BYTES);
    System.arraycopy(tag(body), 0, marker, Long.BYTES, TAG_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(marker);
  }

  /**
   * The sequence number a marker continues after.
   *
   * @throws InvalidMarkerException if this {@code LocalKms} did not issue the marker
   */
  long seq(String marker) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(marker);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (bytes.length != Long.BYTES + TAG_BYTES) {
      throw invalid();
    }
    byte[] body = Arrays.copyOf(bytes, Long.BYTES);
    byte[] tag = Arrays.copyOfRange(bytes, Long.BYTES, bytes.length);
    if (!MessageDigest.isEqual(tag, tag(body))) {
      throw invalid();
    }
    return ByteBuffer.wrap(body).getLong();
  }

  private byte[] tag(byte[] body) {
    return Arrays.copyOf(key.authenticate(PURPOSE, body), TAG_BYTES);
  }

  private static InvalidMarkerException invalid() {
    return new InvalidMarkerException(
        "The marker that you specified is not valid: it was not returned by a previous"
            + " DescribeCustomKeyStores call.");
  }
}
