/**
 * Pre-flight reports: what a check of a key store's prerequisites found, item by item, in a form
 * shared by every kind of check (CloudHSM clusters and external key store proxies).
 */
package dev.cks.check;
