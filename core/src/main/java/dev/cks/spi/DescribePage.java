package dev.cks.spi;

import dev.cks.CustomKeyStoreDescription;
import java.util.List;
import java.util.Optional;

/**
 * One page of {@code DescribeCustomKeyStores}: the stores in creation order, and the marker of the
 * next page when there is one.
 *
 * @param stores the {@code CustomKeyStores} of this page
 * @param nextMarker the {@code NextMarker}; present exactly when the result is truncated
 */
public record DescribePage(List<CustomKeyStoreDescription> stores, Optional<String> nextMarker) {

  /** Copies the list. */
  public DescribePage {
    stores = List.copyOf(stores);
  }

  /** The {@code Truncated} flag: whether more stores follow this page. */
  public boolean truncated() {
    return nextMarker.isPresent();
  }
}
