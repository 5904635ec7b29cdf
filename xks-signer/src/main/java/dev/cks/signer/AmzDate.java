package dev.cks.signer;

/**
 * The SigV4 time format {@code yyyyMMdd'T'HHmmss'Z'}, always UTC, written and read by hand: no
 * formatter, no allocation.
 */
final class AmzDate {

  /** The length of an {@code X-Amz-Date} value. */
  static final int LENGTH = 16;

  /** The length of the date part, {@code yyyyMMdd}. */
  static final int DATE_LENGTH = 8;

  /** Returned by {@link #parse(CharSequence)} for a malformed value. */
  static final long MALFORMED = Long.MIN_VALUE;

  private static final long SECONDS_PER_DAY = 86_400L;

  /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the range four year digits can hold. */
  private static final long MIN_SECOND = -62_167_219_200L;

  private static final long MAX_SECOND = 253_402_300_799L;

  private AmzDate() {}

  /**
   * Writes the epoch second as {@code yyyyMMddTHHmmssZ} into {@code target[at, at + 16)}.
   *
   * @throws IllegalArgumentException if the year is outside 0000..9999
   */
  static void write(long epochSecond, byte[] target, int at) {
    if (epochSecond < MIN_SECOND || epochSecond > MAX_SECOND) {
      throw new IllegalArgumentException(
          "signing time must be within the years 0000 to 9999, was epoch second " + epochSecond);
    }
    long day = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
    writeDate(day, target, at);
    target[at + 8] = 'T';
    write2(secondOfDay / 3600, target, at + 9);
    write2(secondOfDay / 60 % 60, target, at + 11);
    write2(secondOfDay % 60, target, at + 13);
    target[at + 15] = 'Z';
  }

  /** Writes the epoch day as {@code yyyyMMdd} into {@code target[at, at + 8)}. */
  static void writeDate(long epochDay, byte[] target, int at) {
    // Civil date from a day count, by eras of 400 years that start on March 1st.
    long z = epochDay + 719_468;
    long era = Math.floorDiv(z, 146_097);
    int dayOfEra = (int) (z - era * 146_097);
    int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    int shiftedMonth = (5 * dayOfYear + 2) / 153;
    int day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
    int month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    write2((int) (year / 100), target, at);
    write2((int) (year % 100), target, at + 2);
    write2(month, target, at + 4);
    write2(day, target, at + 6);
  }

  /** The epoch day of a date in the proleptic Gregorian calendar. */
  static long epochDay(long year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    int yearOfEra = (int) (y - era * 400);
    int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }

  /**
   * Reads a {@code yyyyMMddTHHmmssZ} value, returning its epoch second or {@link #MALFORMED} when
   * the text is not exactly a valid date and time in that form.
   */
  static long parse(CharSequence text) {
    if (text == null
        || text.length() != LENGTH
        || text.charAt(8) != 'T'
        || text.charAt(15) != 'Z') {
      return MALFORMED;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 4, 2);
    int day = digits(text, 6, 2);
    int hour = digits(text, 9, 2);
    int minute = digits(text, 11, 2);
    int second = digits(text, 13, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > daysInMonth(year, month)
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return MALFORMED;
    }
    return epochDay(year, month, day) * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
  }

  /** The epoch day an epoch second falls on. */
  static long dayOf(long epochSecond) {
    return Math.floorDiv(epochSecond, SECONDS_PER_DAY);
  }

  private static int daysInMonth(int year, int month) {
    if (month == 2) {
      boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
      return leap ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }

  private static int digits(CharSequence text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static void write2(int value, byte[] target, int at) {
    target[at] = (byte) ('0' + value / 10);
    target[at + 1] = (byte) ('0' + value % 10);
  }
}
