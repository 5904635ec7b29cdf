package dev.cks.signer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The headers of a received request, as {@link SigV4Verifier} reads them: all values of a header by
 * its name, whatever its case.
 *
 * <p>The JDK's {@code com.sun.net.httpserver.Headers} already looks names up case-insensitively, so
 * {@code exchange.getRequestHeaders()::get} is a header source. Values must be the header's field
 * values as received, decoded as UTF-8 (for ASCII values any decoding is the same).
 */
@FunctionalInterface
public interface HeaderSource {

  /**
   * Every value of the named header, in the order received, or null or an empty list if the request
   * has no such header.
   *
   * @param lowerCaseName the header name in lower case
   */
  List<String> values(String lowerCaseName);

  /**
   * A header source over a map from header name to values, with names matched without regard to
   * case; values of names that differ only in case are joined in the map's iteration order. The map
   * is copied into a hash map by lower-case name, so that a lookup costs one hash probe.
   */
  static HeaderSource of(Map<String, List<String>> headers) {
    Map<String, List<String>> byName = new HashMap<>();
    headers.forEach(
        (name, values) ->
            byName
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .addAll(values));
    return byName::get;
  }
}
