package dev.cks.signer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A bounded cache of derived signing keys for one region and service, keyed by (secret, UTC date).
 *
 * <p>It is direct-mapped: a key hashes to one slot, and a lookup compares every part of the key in
 * full, so two different keys never share an entry and a lookup allocates nothing. A new key
 * replaces whatever held its slot. Entries are immutable and published through the slot array
 * without locks: a racing reader sees either the old entry or the new one, both complete.
 *
 * <p>The cache holds derived keys in memory for as long as it lives; it is owned by one signer or
 * verifier and dies with it.
 */
final class SigningKeyCache {

  private final Entry[] slots;
  private final int mask;
  private final byte[] region;
  private final byte[] service;

  /**
   * A cache with at least {@code capacity} slots, rounded up to a power of two, for keys of the
   * given region and service.
   *
   * @throws IllegalArgumentException if the capacity is below 1 or above 65536
   */
  SigningKeyCache(int capacity, String region, String service) {
    if (capacity < 1 || capacity > 65_536) {
      throw new IllegalArgumentException(
          "signing key cache capacity must be between 1 and 65536, was " + capacity);
    }
    int size = Integer.highestOneBit(capacity);
    size = size < capacity ? size << 1 : size;
    this.slots = new Entry[size];
    this.mask = size - 1;
    this.region = region.getBytes(StandardCharsets.UTF_8);
    this.service = service.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The signing key for these credentials and UTC date, derived on a miss and then kept. The caller
   * has the date at hand as text: {@code date[dateAt, dateAt + 8)} holds it as {@code yyyyMMdd}.
   */
  SigningKey get(
      SigV4Credentials credentials, long epochDay, byte[] date, int dateAt, Crypto crypto) {
    byte[] secret = credentials.secretBytes();
    int slot = slot(credentials.secretHash(), epochDay);
    Entry entry = slots[slot];
    if (entry != null && entry.matches(secret, epochDay)) {
      return entry.key;
    }
    SigningKey key = crypto.deriveSigningKey(secret, date, dateAt, region, service);
    slots[slot] = new Entry(secret, epochDay, key);
    return key;
  }

  private int slot(int secretHash, long epochDay) {
    int h = 31 * secretHash + Long.hashCode(epochDay);
    h ^= h >>> 16;
    h *= 0x45d9f3b;
    h ^= h >>> 16;
    return h & mask;
  }

  private static final class Entry {
    final byte[] secret;
    final long epochDay;
    final SigningKey key;

    Entry(byte[] secret, long epochDay, SigningKey key) {
      this.secret = secret;
      this.epochDay = epochDay;
      this.key = key;
    }

    boolean matches(byte[] otherSecret, long otherDay) {
      return epochDay == otherDay
          && (secret == otherSecret || MessageDigest.isEqual(secret, otherSecret));
    }

    @Override
    public String toString() {
      return "Entry[redacted]";
    }
  }
}
