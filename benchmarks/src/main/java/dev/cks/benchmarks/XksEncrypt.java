package dev.cks.benchmarks;

import dev.cks.signer.SigV4Credentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;

/** The request every benchmark signs or verifies: an XKS Encrypt call as KMS sends it. */
final class XksEncrypt {

  static final String REGION = "us-east-1";
  static final String SERVICE = "kms-xks-proxy";
  static final String HOST = "xks.example.com";
  static final String PATH =
      "/example/kms/xks/v1/keys/1234abcd-12ab-34cd-56ef-1234567890ab/encrypt";
  static final Instant TIME = Instant.parse("2026-12-03T16:46:33Z");
  static final String AMZ_DATE = "20261203T164633Z";
  static final String SCOPE = "20261203/us-east-1/kms-xks-proxy/aws4_request";

  /** A 300-byte Encrypt body in the shape the XKS proxy API gives. */
  static final byte[] BODY =
      ("{\"requestMetadata\":{\"awsPrincipalArn\":\"arn:aws:iam::123456789012:user/Ali\","
              + "\"kmsOperation\":\"Encrypt\","
              + "\"kmsRequestId\":\"4112f4d6-db54-4af4-ae30-c55a22a8dfae\","
              + "\"kmsKeyArn\":\"arn:aws:kms:us-east-1:123456789012:key/"
              + "1234abcd-12ab-34cd-56ef-1234567890ab\"},"
              + "\"plaintext\":\"SGVsbG8h\",\"encryptionAlgorithm\":\"AES_GCM\"}")
          .getBytes(StandardCharsets.UTF_8);

  static final String ACCESS_KEY_ID = "ABCDEFGHIJKLMNOPQRSTUVWXYZ23";
  static final String SECRET = "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEYabcdef";

  static final SigV4Credentials CREDENTIALS = SigV4Credentials.of(ACCESS_KEY_ID, SECRET);

  /** The canonical request of {@link #BODY} as KMS signs it at {@link #TIME}. */
  static final byte[] CANONICAL_REQUEST =
      ("POST\n"
              + PATH
              + "\n\nhost:"
              + HOST
              + "\nx-amz-date:"
              + AMZ_DATE
              + "\n\nhost;x-amz-date\n"
              + sha256Hex(BODY))
          .getBytes(StandardCharsets.US_ASCII);

  /** The string to sign of {@link #CANONICAL_REQUEST}. */
  static final byte[] STRING_TO_SIGN =
      ("AWS4-HMAC-SHA256\n" + AMZ_DATE + "\n" + SCOPE + "\n" + sha256Hex(CANONICAL_REQUEST))
          .getBytes(StandardCharsets.US_ASCII);

  private XksEncrypt() {}

  static Clock fixedClock() {
    return Clock.fixed(TIME, ZoneOffset.UTC);
  }

  private static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK offers no SHA-256", e);
    }
  }

  /**
   * A clock that moves one day forward every time it is read, so that every signature falls on a
   * new UTC date and no derived signing key can be reused.
   */
  static final class NextDayClock extends Clock {
    private static final long DAY_MILLIS = 86_400_000L;
    private final long start = TIME.toEpochMilli();
    private long reads;

    @Override
    public long millis() {
      return start + (reads++ % 100_000) * DAY_MILLIS;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
