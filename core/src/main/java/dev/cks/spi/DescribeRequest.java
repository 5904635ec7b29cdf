package dev.cks.spi;

import dev.cks.Constraints;
import dev.cks.ValidationException;
import dev.cks.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The input of {@code DescribeCustomKeyStores}: a filter by id or by name (not both), an optional
 * page size and the marker of the page to continue after.
 *
 * @param customKeyStoreId the {@code CustomKeyStoreId} filter
 * @param customKeyStoreName the {@code CustomKeyStoreName} filter
 * @param limit the {@code Limit}: at most this many stores, 1 to 1000
 * @param marker the {@code Marker}: the {@code NextMarker} of the previous page
 */
public record DescribeRequest(
    Optional<String> customKeyStoreId,
    Optional<String> customKeyStoreName,
    Optional<Integer> limit,
    Optional<String> marker) {

  /**
   * Checks each member against KMS's constraints.
   *
   * @throws ValidationException listing every member that breaks a rule, including an id given
   *     together with a name
   */
  public DescribeRequest {
    List<Violation> found = new ArrayList<>();
    customKeyStoreId.ifPresent(
        id -> found.addAll(Constraints.customKeyStoreId("CustomKeyStoreId", id)));
    customKeyStoreName.ifPresent(
        name -> found.addAll(Constraints.customKeyStoreName("CustomKeyStoreName", name)));
    limit.ifPresent(value -> found.addAll(Constraints.limit("Limit", value)));
    marker.ifPresent(value -> found.addAll(Constraints.marker("Marker", value)));
    if (customKeyStoreId.isPresent() && customKeyStoreName.isPresent()) {
      found.add(
          Violation.described(
              "CustomKeyStoreName",
              "must not be given together with CustomKeyStoreId",
              "both given"));
    }
    ValidationException.throwIfAny(found);
  }

  /** Every store, one default-sized page at a time. */
  public static DescribeRequest all() {
    return new DescribeRequest(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The store with this id. */
  public static DescribeRequest byId(String customKeyStoreId) {
    return new DescribeRequest(
        Optional.of(customKeyStoreId), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The store with this name. */
  public static DescribeRequest byName(String customKeyStoreName) {
    return new DescribeRequest(
        Optional.empty(), Optional.of(customKeyStoreName), Optional.empty(), Optional.empty());
  }

  /** This request with a page size. */
  public DescribeRequest withLimit(int pageSize) {
    return new DescribeRequest(customKeyStoreId, customKeyStoreName, Optional.of(pageSize), marker);
  }

  /** This request continuing after the page that returned {@code nextMarker}. */
  public DescribeRequest withMarker(String nextMarker) {
    return new DescribeRequest(
        customKeyStoreId, customKeyStoreName, limit, Optional.of(nextMarker));
  }
}
