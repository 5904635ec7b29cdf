package dev.cks.signer;

import java.security.MessageDigest;

/**
 * A bounded cache of derived signing keys, keyed by (secret, UTC date, region, service).
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

  /**
   * A cache with at least {@code capacity} slots, rounded up to a power of two.
   *
   * @throws IllegalArgumentException if the capacity is below 1 or above 65536
   */
  SigningKeyCache(int capacity) {
    if (capacity < 1 || capacity > 65_536) {
      throw new IllegalArgumentException(
          "signing key cache capacity must be between 1 and 65536, was " + capacity);
    }
    int size = Integer.highestOneBit(capacity);
    size = size < capacity ? size << 1 : size;
    this.slots = new Entry[size];
    this.mask = size - 1;
  }

  /** The signing key for these parts, derived on a miss and then kept. */
  SigningKey get(
      SigV4Credentials credentials, long epochDay, String region, String service, Crypto crypto) {
    byte[] secret = credentials.secretBytes();
    int slot = slot(credentials.secretHash(), epochDay, region, service);
    Entry entry = slots[slot];
    if (entry != null && entry.matches(secret, epochDay, region, service)) {
      return entry.key;
    }
    byte[] date = new byte[AmzDate.DATE_LENGTH];
    AmzDate.writeDate(epochDay, date, 0);
    SigningKey key = crypto.deriveSigningKey(secret, date, region, service);
    slots[slot] = new Entry(secret, epochDay, region, service, key);
    return key;
  }

  private int slot(int secretHash, long epochDay, String region, String service) {
    int h = secretHash;
    h = 31 * h + Long.hashCode(epochDay);
    h = 31 * h + region.hashCode();
    h = 31 * h + service.hashCode();
    h ^= h >>> 16;
    h *= 0x45d9f3b;
    h ^= h >>> 16;
    return h & mask;
  }

  private static final class Entry {
    final byte[] secret;
    final long epochDay;
    final String region;
    final String service;
    final SigningKey key;

    Entry(byte[] secret, long epochDay, String region, String service, SigningKey key) {
      this.secret = secret;
      this.epochDay = epochDay;
      this.region = region;
      this.service = service;
      this.key = key;
    }

    boolean matches(byte[] otherSecret, long otherDay, String otherRegion, String otherService) {
      return epochDay == otherDay
          && region.equals(otherRegion)
          && service.equals(otherService)
          && (secret == otherSecret || MessageDigest.isEqual(secret, otherSecret));
    }

    @Override
    public String toString() {
      return "Entry[redacted]";
    }
  }
}
