package dev.cks.local;

import static dev.cks.local.LocalXksProxyTest.decrypt;
import static dev.cks.local.LocalXksProxyTest.encrypt;
import static dev.cks.local.LocalXksProxyTest.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cks.XksProxyCredential;
import dev.cks.xks.XksDecryptRequest;
import dev.cks.xks.XksEncryptResponse;
import dev.cks.xks.XksProxyClient;
import dev.cks.xks.XksProxyInvalidCiphertextException;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TamperingTest {

  private static final XksProxyCredential CREDENTIAL = XksProxyCredential.generate();
  private static LocalXksProxy proxy;
  private static XksProxyClient client;

  @BeforeAll
  static void start() {
    proxy =
        LocalXksProxy.builder()
            .hostnames(ProxyFixture.HOST)
            .region(ProxyFixture.REGION)
            .store(
                ProxyKeyStore.builder(ProxyFixture.PATH_A, ProxyFixture.standardKeys())
                    .credential(CREDENTIAL)
                    .build())
            .start();
    client = ProxyFixture.client(proxy, ProxyFixture.PATH_A, CREDENTIAL);
  }

  @AfterAll
  static void stop() {
    client.close();
    proxy.close();
  }

  static Stream<Arguments> tamperings() {
    return Stream.of(
        Arguments.of("ciphertext", tamper((b, e) -> b.ciphertext(flip(e.ciphertext(), 0)))),
        Arguments.of(
            "authenticationTag",
            tamper((b, e) -> b.authenticationTag(flip(e.authenticationTag(), 15)))),
        Arguments.of(
            "initializationVector",
            tamper((b, e) -> b.initializationVector(flip(e.initializationVector(), 5)))),
        Arguments.of(
            "additionalAuthenticatedData",
            tamper((b, e) -> b.additionalAuthenticatedData(flip(aad(), 7)))),
        Arguments.of(
            "missing additionalAuthenticatedData",
            tamper((b, e) -> b.additionalAuthenticatedData(null))),
        Arguments.of(
            "ciphertextMetadata",
            tamper((b, e) -> b.ciphertextMetadata(flip(e.ciphertextMetadata().orElseThrow(), 0)))),
        Arguments.of("missing ciphertextMetadata", tamper((b, e) -> b.ciphertextMetadata(null))),
        Arguments.of(
            "metadata moved into aad",
            tamper(
                (b, e) ->
                    b.ciphertextMetadata(null)
                        .additionalAuthenticatedData(
                            concat(aad(), e.ciphertextMetadata().orElseThrow())))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tamperings")
  void decrypt_withTamperedPart_failsWithInvalidCiphertext(
      String part, BiFunction<XksDecryptRequest.Builder, XksEncryptResponse, Object> tampering) {
    XksEncryptResponse encrypted = client.encrypt(encrypt("both", random(48), aad(), false));
    XksDecryptRequest.Builder request = decrypt("both", encrypted, aad());
    assertThat(client.decrypt(request.build()).plaintext()).hasSize(48);

    tampering.apply(request, encrypted);

    assertThatThrownBy(() -> client.decrypt(request.build()))
        .isInstanceOf(XksProxyInvalidCiphertextException.class)
        .hasMessage("Decrypt failed with InvalidCiphertextException (HTTP 400): decryption failed");
  }

  private static BiFunction<XksDecryptRequest.Builder, XksEncryptResponse, Object> tamper(
      BiFunction<XksDecryptRequest.Builder, XksEncryptResponse, Object> f) {
    return f;
  }

  private static byte[] aad() {
    return "aad bound to the ciphertext".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  private static byte[] flip(byte[] bytes, int index) {
    byte[] copy = bytes.clone();
    copy[index] ^= 0x01;
    return copy;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
