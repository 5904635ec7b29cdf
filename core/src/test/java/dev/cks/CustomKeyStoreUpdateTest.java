package dev.cks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class CustomKeyStoreUpdateTest {

  private static final String ID = "cks-1234567890abcdef0";

  @Test
  void allowedStates_forNameOnly_isConnectedOrDisconnected() {
    CustomKeyStoreUpdate update =
        CloudHsmKeyStoreUpdate.builder().customKeyStoreId(ID).newName("Renamed").build();

    assertThat(update.changes()).containsExactly(UpdatableProperty.NAME);
    assertThat(update.allowedStates())
        .containsExactlyInAnyOrder(ConnectionState.CONNECTED, ConnectionState.DISCONNECTED);
    assertThat(update.requiresDisconnected()).isFalse();
  }

  @Test
  void allowedStates_forPasswordChange_isDisconnectedOnly() {
    CloudHsmKeyStoreUpdate update =
        CloudHsmKeyStoreUpdate.builder()
            .customKeyStoreId(ID)
            .newName("Renamed")
            .keyStorePassword(Secret.of("newPassword"))
            .cloudHsmClusterId("cluster-234abcdefABD")
            .build();

    assertThat(update.changes())
        .containsExactly(
            UpdatableProperty.NAME,
            UpdatableProperty.KEY_STORE_PASSWORD,
            UpdatableProperty.CLOUD_HSM_CLUSTER_ID);
    assertThat(update.allowedStates()).containsExactly(ConnectionState.DISCONNECTED);
    assertThat(update.requiresDisconnected()).isTrue();
    assertThat(update.storeType()).isEqualTo(CustomKeyStoreType.AWS_CLOUDHSM);
  }

  @Test
  void allowedStates_forCredentialAndPath_isConnectedOrDisconnected() {
    ExternalKeyStoreUpdate update =
        ExternalKeyStoreUpdate.builder()
            .customKeyStoreId(ID)
            .proxyUriPath("/rotated/kms/xks/v1")
            .proxyCredential(Fixtures.credential())
            .build();

    assertThat(update.changes())
        .containsExactly(
            UpdatableProperty.XKS_PROXY_URI_PATH,
            UpdatableProperty.XKS_PROXY_AUTHENTICATION_CREDENTIAL);
    assertThat(update.requiresDisconnected()).isFalse();
  }

  @Test
  void changes_forSwitchToVpc_includeConnectivityEndpointServiceNameAndOwner() {
    ExternalKeyStoreUpdate update =
        ExternalKeyStoreUpdate.builder()
            .customKeyStoreId(ID)
            .proxyUriEndpoint("https://myproxy-private.xks.example.com")
            .connectivity(
                XksProxyConnectivity.vpcEndpointService(Fixtures.SERVICE_NAME, "111122223333"))
            .build();

    assertThat(update.changes())
        .containsExactly(
            UpdatableProperty.XKS_PROXY_URI_ENDPOINT,
            UpdatableProperty.XKS_PROXY_CONNECTIVITY,
            UpdatableProperty.XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME,
            UpdatableProperty.XKS_PROXY_VPC_ENDPOINT_SERVICE_OWNER);
    assertThat(update.allowedStates()).containsExactly(ConnectionState.DISCONNECTED);
  }

  @Test
  void allowedStates_forNoChange_isWhereverAnUpdateIsAccepted() {
    assertThat(ExternalKeyStoreUpdate.builder().customKeyStoreId(ID).build().allowedStates())
        .isEqualTo(EnumSet.of(ConnectionState.CONNECTED, ConnectionState.DISCONNECTED));
  }

  @Test
  void updatableProperty_allowedStates_followTheKmsTable() {
    for (UpdatableProperty property : UpdatableProperty.values()) {
      boolean whileConnected =
          property == UpdatableProperty.NAME
              || property == UpdatableProperty.XKS_PROXY_URI_PATH
              || property == UpdatableProperty.XKS_PROXY_AUTHENTICATION_CREDENTIAL;
      assertThat(property.allowedIn(ConnectionState.CONNECTED))
          .as(property.member())
          .isEqualTo(whileConnected);
      assertThat(property.allowedIn(ConnectionState.DISCONNECTED)).isTrue();
      assertThat(property.allowedIn(ConnectionState.FAILED)).isFalse();
    }
  }

  @Test
  void build_withConnectivityButNoEndpoint_failsNamingXksProxyUriEndpoint() {
    assertThatThrownBy(
            () ->
                ExternalKeyStoreUpdate.builder()
                    .customKeyStoreId(ID)
                    .connectivity(XksProxyConnectivity.publicEndpoint())
                    .build())
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "XksProxyUriEndpoint is required when XksProxyConnectivity changes to"
                + " PUBLIC_ENDPOINT, was missing");
  }

  @Test
  void build_withServiceNameBesideNewConnectivity_failsNamingXksProxyVpcEndpointServiceName() {
    assertThatThrownBy(
            () ->
                ExternalKeyStoreUpdate.builder()
                    .customKeyStoreId(ID)
                    .proxyUriEndpoint("https://myproxy.xks.example.com")
                    .connectivity(XksProxyConnectivity.publicEndpoint())
                    .vpcEndpointServiceName(Fixtures.SERVICE_NAME)
                    .vpcEndpointServiceOwner("111122223333")
                    .build())
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "2 validation errors: XksProxyVpcEndpointServiceName must not be given apart from the"
                + " new connectivity when XksProxyConnectivity changes, was \""
                + Fixtures.SERVICE_NAME
                + "\"; XksProxyVpcEndpointServiceOwner must not be given apart from the new"
                + " connectivity when XksProxyConnectivity changes, was \"111122223333\"");
  }

  @Test
  void build_withEmptyIdAndBadValues_listsEveryViolation() {
    assertThatThrownBy(
            () ->
                CloudHsmKeyStoreUpdate.builder()
                    .customKeyStoreId("")
                    .newName("")
                    .keyStorePassword(Secret.of("short"))
                    .build())
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "3 validation errors: CustomKeyStoreId must be 1 to 64 characters long, was \"\" (0"
                + " characters); NewCustomKeyStoreName must be 1 to 256 characters long, was \"\""
                + " (0 characters); KeyStorePassword must be 7 to 32 characters long, was a"
                + " secret of 5 characters");
  }

  @Test
  void build_withVpcServiceChangeOnly_keepsItApartFromConnectivity() {
    ExternalKeyStoreUpdate update =
        ExternalKeyStoreUpdate.builder()
            .customKeyStoreId(ID)
            .vpcEndpointServiceName("com.amazonaws.vpce.us-east-1.vpce-svc-example2")
            .build();

    assertThat(update.connectivity()).isEmpty();
    assertThat(update.changes())
        .containsExactly(UpdatableProperty.XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME);
  }
}
