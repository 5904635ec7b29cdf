package dev.cks.local;

import java.util.Optional;
import java.util.Set;

/**
 * A key source that passes everything to another, for tests that change one behaviour of a real key
 * source and keep the rest.
 */
class ForwardingKeySource implements KeySource {

  private final KeySource delegate;

  ForwardingKeySource(KeySource delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<ProxyKey> key(String externalKeyId) {
    return delegate.key(externalKeyId);
  }

  @Override
  public KeySourceHealth checkHealth() {
    return delegate.checkHealth();
  }

  /** A key that passes everything to another; tests override what they change. */
  static class ForwardingKey implements ProxyKey {

    private final ProxyKey delegate;

    ForwardingKey(ProxyKey delegate) {
      this.delegate = delegate;
    }

    @Override
    public String keySpec() {
      return delegate.keySpec();
    }

    @Override
    public Set<KeyUsage> usages() {
      return delegate.usages();
    }

    @Override
    public boolean enabled() {
      return delegate.enabled();
    }

    @Override
    public Sealed encrypt(byte[] plaintext, byte[] aad) {
      return delegate.encrypt(plaintext, aad);
    }

    @Override
    public byte[] decrypt(byte[] iv, byte[] ciphertext, byte[] tag, byte[] aad) {
      return delegate.decrypt(iv, ciphertext, tag, aad);
    }
  }
}
