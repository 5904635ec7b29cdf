package dev.cks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CustomKeyStoreDescriptionTest {

  @Test
  void enums_withValuesUnknownToThisVersion_keepTheWireText() {
    CustomKeyStoreDescription store =
        CustomKeyStoreDescription.builder()
            .customKeyStoreId("cks-1234567890abcdef0")
            .customKeyStoreName("Future")
            .customKeyStoreTypeAsString("QUANTUM_KEY_STORE")
            .connectionStateAsString("HIBERNATING")
            .creationDate(Instant.parse("2026-01-01T00:00:00Z"))
            .connectionErrorCodeAsString("SOLAR_FLARE")
            .xksProxyConfiguration(
                XksProxyConfiguration.builder()
                    .connectivityAsString("CARRIER_PIGEON")
                    .accessKeyId(Fixtures.ACCESS_KEY_ID)
                    .uriEndpoint("https://myproxy.xks.example.com")
                    .uriPath("/kms/xks/v1")
                    .build())
            .build();

    assertThat(store.customKeyStoreType()).isEqualTo(CustomKeyStoreType.UNKNOWN_TO_SDK_VERSION);
    assertThat(store.customKeyStoreTypeAsString()).isEqualTo("QUANTUM_KEY_STORE");
    assertThat(store.connectionState()).isEqualTo(ConnectionState.UNKNOWN_TO_SDK_VERSION);
    assertThat(store.connectionStateAsString()).isEqualTo("HIBERNATING");
    assertThat(store.connectionErrorCode()).contains(ConnectionErrorCode.UNKNOWN_TO_SDK_VERSION);
    assertThat(store.connectionErrorCodeAsString()).contains("SOLAR_FLARE");
    assertThat(store.xksProxyConfiguration().orElseThrow().connectivity())
        .isEqualTo(XksProxyConnectivityType.UNKNOWN_TO_SDK_VERSION);
    assertThat(store.xksProxyConfiguration().orElseThrow().connectivityAsString())
        .isEqualTo("CARRIER_PIGEON");
  }

  @Test
  void enums_withKnownValues_mapToTheirConstants() {
    CustomKeyStoreDescription store =
        CustomKeyStoreDescription.builder()
            .customKeyStoreId("cks-1234567890abcdef0")
            .customKeyStoreName("ExampleKeyStore")
            .customKeyStoreTypeAsString("AWS_CLOUDHSM")
            .connectionStateAsString("FAILED")
            .creationDate(Instant.parse("2026-01-01T00:00:00Z"))
            .connectionErrorCodeAsString("USER_LOCKED_OUT")
            .build();

    assertThat(store.customKeyStoreType()).isEqualTo(CustomKeyStoreType.AWS_CLOUDHSM);
    assertThat(store.connectionState()).isEqualTo(ConnectionState.FAILED);
    assertThat(store.connectionErrorCode()).contains(ConnectionErrorCode.USER_LOCKED_OUT);
  }

  @Test
  void connectionErrorCode_hasAllEighteenKmsValues() {
    assertThat(ConnectionErrorCode.values()).hasSize(19); // 18 and UNKNOWN_TO_SDK_VERSION
  }

  @Test
  void toString_leavesOutTheAccessKeyId() {
    XksProxyConfiguration proxy =
        XksProxyConfiguration.builder()
            .connectivityAsString("PUBLIC_ENDPOINT")
            .accessKeyId(Fixtures.ACCESS_KEY_ID)
            .uriEndpoint("https://myproxy.xks.example.com")
            .uriPath("/kms/xks/v1")
            .build();

    assertThat(proxy.toString()).doesNotContain(Fixtures.ACCESS_KEY_ID).contains("/kms/xks/v1");
  }
}
