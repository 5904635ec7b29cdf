package dev.cks.client;

/** The connection state {@code ensure} leaves a store in. */
public enum ConnectionGoal {
  /**
   * As it was meant to be: a store that was connected, connecting or failed is connected again
   * after a change that needed it disconnected; a disconnected or new store stays disconnected; a
   * store that needs no change is left alone.
   */
  KEEP,
  /** Connected, waiting for the connection; a failed store is disconnected and connected again. */
  CONNECTED,
  /** Disconnected. */
  DISCONNECTED
}
