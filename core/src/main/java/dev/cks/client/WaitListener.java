package dev.cks.client;

import dev.cks.CustomKeyStoreDescription;
import java.time.Duration;

/** Hears of each poll while a {@link CustomKeyStoreClient} waits for a connection state. */
@FunctionalInterface
public interface WaitListener {

  /** Ignores every poll. */
  WaitListener NONE = (store, poll, elapsed) -> {};

  /**
   * Called after each poll with what it found.
   *
   * @param store the store as the poll described it
   * @param poll the number of the poll, from 1
   * @param elapsed the time since the wait began
   */
  void onPoll(CustomKeyStoreDescription store, int poll, Duration elapsed);
}
