package dev.cks.signer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Hand-made dates, hex, encoding and key caching agree with the JDK's own tools. */
class InternalsTest {

  private static final DateTimeFormatter AMZ =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @Property(tries = 2_000)
  void amzDate_writeAndParse_agreeWithJavaTime(
      @ForAll @LongRange(min = -62_167_219_200L, max = 253_402_300_799L) long epochSecond) {
    byte[] written = new byte[16];
    AmzDate.write(epochSecond, written, 0);
    String text = new String(written, StandardCharsets.US_ASCII);

    assertThat(text).isEqualTo(AMZ.format(Instant.ofEpochSecond(epochSecond)));
    assertThat(AmzDate.parse(text)).isEqualTo(epochSecond);
  }

  @Property(tries = 2_000)
  void hexWrite_agreesWithHexFormat(@ForAll @Size(max = 40) byte[] bytes) {
    byte[] target = new byte[2 * bytes.length + 2];
    Hex.write(bytes, 0, bytes.length, target, 1);

    assertThat(new String(target, 1, 2 * bytes.length, StandardCharsets.US_ASCII))
        .isEqualTo(HexFormat.of().formatHex(bytes));
  }

  @Example
  void hexIsLowerHex64_acceptsOnlyLowerCaseDigits() {
    byte[] text = ("x" + "0123456789abcdef".repeat(4)).getBytes(StandardCharsets.ISO_8859_1);
    assertThat(Hex.isLowerHex64(text, 1)).isTrue();
    for (int at = 1; at <= 64; at++) {
      byte kept = text[at];
      for (int b = 0; b < 256; b++) {
        text[at] = (byte) b;
        boolean digit = b >= '0' && b <= '9' || b >= 'a' && b <= 'f';
        assertThat(Hex.isLowerHex64(text, 1)).as("byte %d at %d", b, at).isEqualTo(digit);
      }
      text[at] = kept;
    }
  }

  @Property(tries = 500)
  void hexMatchesLower64_isEqualityOfTheHexText(
      @ForAll @Size(32) byte[] value, @ForAll @Size(32) byte[] other) {
    byte[] hex = ("x" + HexFormat.of().formatHex(value)).getBytes(StandardCharsets.US_ASCII);
    byte[] otherHex = ("x" + HexFormat.of().formatHex(other)).getBytes(StandardCharsets.US_ASCII);

    assertThat(Hex.matchesLower64(value, hex, 1)).isTrue();
    assertThat(Hex.matchesLower64(value, otherHex, 1)).isEqualTo(Arrays.equals(value, other));
  }

  @Example
  void hexMatchesLower64_rejectsEveryOtherByteInEveryPlace() {
    byte[] value = HexFormat.of().parseHex("0123456789abcdef".repeat(4));
    byte[] text = ("x" + "0123456789abcdef".repeat(4)).getBytes(StandardCharsets.ISO_8859_1);
    for (int at = 1; at <= 64; at++) {
      byte kept = text[at];
      for (int b = 0; b < 256; b++) {
        text[at] = (byte) b;
        assertThat(Hex.matchesLower64(value, text, 1))
            .as("byte %d at %d", b, at)
            .isEqualTo(b == kept);
      }
      text[at] = kept;
    }
  }

  @Example
  void amzDate_parse_rejectsImpossibleDates() {
    assertThat(AmzDate.parse("20250229T000000Z")).isEqualTo(AmzDate.MALFORMED);
    assertThat(AmzDate.parse("20240229T000000Z"))
        .isEqualTo(LocalDate.of(2024, 2, 29).toEpochDay() * 86_400);
    assertThat(AmzDate.parse("20240101T240000Z")).isEqualTo(AmzDate.MALFORMED);
    assertThat(AmzDate.parse("20240101T000060Z")).isEqualTo(AmzDate.MALFORMED);
    assertThat(AmzDate.parse("2024010 T000000Z")).isEqualTo(AmzDate.MALFORMED);
    assertThat(AmzDate.parse("20240101T000000")).isEqualTo(AmzDate.MALFORMED);
    assertThat(AmzDate.parse("20241301T000000Z")).isEqualTo(AmzDate.MALFORMED);
  }

  @Property(tries = 1_000)
  void uriEncode_agreesWithUrlEncoderAsSigV4AdjustsIt(@ForAll @StringLength(max = 20) String s) {
    String expected =
        java.net.URLEncoder.encode(s, StandardCharsets.UTF_8)
            .replace("+", "%20")
            .replace("*", "%2A")
            .replace("%7E", "~");

    assertThat(Canonical.uriEncode(s)).isEqualTo(expected);
  }

  @Property(tries = 1_000)
  void percentDecode_undoesUriEncode(@ForAll @StringLength(max = 20) String s) {
    String wellFormed = new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    String encoded = Canonical.uriEncode(wellFormed);

    assertThat(Canonical.percentDecode(encoded, 0, encoded.length())).isEqualTo(wellFormed);
  }

  @Example
  void parseQuery_splitsAndDecodesPairs() {
    assertThat(Canonical.parseQuery("b=2&a=%E1%88%B4&flag&=x&c=1+1&d=%zz"))
        .containsExactly("b", "2", "a", "\u1234", "flag", "", "", "x", "c", "1+1", "d", "%zz");
  }

  @Example
  void appendHeaderValue_trimsAndFoldsWhitespace() {
    AsciiBuffer out = new AsciiBuffer(8);
    Canonical.appendHeaderValue(out, " \t a \n\n b  \"c   d\" \u00e9 ");

    assertThat(new String(out.bytes, 0, out.length, StandardCharsets.UTF_8))
        .isEqualTo("a b \"c d\" \u00e9");
  }

  @Property(tries = 300)
  void signingKeyCache_givesTheDerivedKey_onHitAndMiss(
      @ForAll @StringLength(min = 1, max = 100) String secret,
      @ForAll @LongRange(min = 0, max = 2_000_000) long epochDay)
      throws Exception {
    SigningKeyCache cache = new SigningKeyCache(2, "us-east-1", "kms-xks-proxy");
    SigV4Credentials credentials = SigV4Credentials.of("AKID", secret);
    Crypto crypto = Crypto.local();

    SigningKey first = cache.get(credentials, epochDay, date(epochDay), 0, crypto);
    SigningKey again = cache.get(credentials, epochDay, date(epochDay), 0, crypto);
    SigningKey nextDay = cache.get(credentials, epochDay + 1, date(epochDay + 1), 0, crypto);

    assertThat(again).isSameAs(first);
    assertThat(first.keyBytes(32)).isEqualTo(derive(secret, epochDay));
    assertThat(nextDay.keyBytes(32)).isEqualTo(derive(secret, epochDay + 1));
  }

  @Example
  void signingKeyCache_keepsKeysOfDifferentPartsApart() {
    SigningKeyCache cache = new SigningKeyCache(1, "us-east-1", "kms-xks-proxy");
    SigningKeyCache otherRegion = new SigningKeyCache(1, "eu-west-1", "kms-xks-proxy");
    Crypto crypto = Crypto.local();
    SigV4Credentials a = SigV4Credentials.of("A", "secret-a");
    SigV4Credentials b = SigV4Credentials.of("B", "secret-b");

    SigningKey keyA = cache.get(a, 100, date(100), 0, crypto);
    SigningKey keyB = cache.get(b, 100, date(100), 0, crypto);
    SigningKey keyOtherDay = cache.get(a, 101, date(101), 0, crypto);
    SigningKey keyOtherRegion = otherRegion.get(a, 100, date(100), 0, crypto);
    SigningKey keyAAgain = cache.get(a, 100, date(100), 0, crypto);

    assertThat(keyB.keyBytes(32)).isNotEqualTo(keyA.keyBytes(32));
    assertThat(keyOtherDay.keyBytes(32)).isNotEqualTo(keyA.keyBytes(32));
    assertThat(keyOtherRegion.keyBytes(32)).isNotEqualTo(keyA.keyBytes(32));
    assertThat(keyAAgain.keyBytes(32)).isEqualTo(keyA.keyBytes(32));
  }

  /** The UTC date of an epoch day as {@code yyyyMMdd} bytes. */
  private static byte[] date(long epochDay) {
    return LocalDate.ofEpochDay(epochDay)
        .format(DateTimeFormatter.BASIC_ISO_DATE)
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] derive(String secret, long epochDay) throws Exception {
    String date = LocalDate.ofEpochDay(epochDay).format(DateTimeFormatter.BASIC_ISO_DATE);
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, "us-east-1");
    key = hmac(key, "kms-xks-proxy");
    return hmac(key, "aws4_request");
  }

  private static byte[] hmac(byte[] key, String message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
  }
}
