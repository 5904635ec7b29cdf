package dev.cks.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cks.CksException;
import dev.cks.ConnectionErrorCode;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class DiagnosisTest {

  /** Every error name of the custom key store operations about a key store's backing service. */
  static Stream<String> backingServiceErrorNames() {
    return Stream.of(
        "XksProxyIncorrectAuthenticationCredentialException",
        "XksProxyInvalidConfigurationException",
        "XksProxyInvalidResponseException",
        "XksProxyUriEndpointInUseException",
        "XksProxyUriInUseException",
        "XksProxyUriUnreachableException",
        "XksProxyVpcEndpointServiceInUseException",
        "XksProxyVpcEndpointServiceInvalidConfigurationException",
        "XksProxyVpcEndpointServiceNotFoundException",
        "CloudHsmClusterInUseException",
        "CloudHsmClusterInvalidConfigurationException",
        "CloudHsmClusterNotActiveException",
        "CloudHsmClusterNotFoundException",
        "CloudHsmClusterNotRelatedException",
        "IncorrectTrustAnchorException");
  }

  @ParameterizedTest
  @EnumSource(
      value = ConnectionErrorCode.class,
      names = "UNKNOWN_TO_SDK_VERSION",
      mode = EnumSource.Mode.EXCLUDE)
  void of_everyKnownCode_disconnectsFirstAndReconnectsLast(ConnectionErrorCode code) {
    Diagnosis diagnosis = Diagnosis.of(code);

    assertThat(diagnosis.problem()).isEqualTo(code.value());
    assertThat(diagnosis.category()).isNotEqualTo(Category.UNKNOWN);
    assertThat(diagnosis.disconnectFirst()).isTrue();
    assertThat(diagnosis.steps()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(diagnosis.steps().get(0)).startsWith("Disconnect the key store");
    assertThat(diagnosis.steps().get(diagnosis.steps().size() - 1))
        .startsWith("Connect the key store again");
    assertThat(diagnosis.cause()).endsWith(".");
  }

  @ParameterizedTest
  @MethodSource("backingServiceErrorNames")
  void ofErrorName_everyBackingServiceError_hasADiagnosis(String errorName) {
    Diagnosis diagnosis = Diagnosis.ofErrorName(errorName).orElseThrow();

    assertThat(diagnosis.problem()).isEqualTo(errorName);
    assertThat(diagnosis.category()).isNotEqualTo(Category.UNKNOWN);
    assertThat(diagnosis.disconnectFirst()).isFalse();
    assertThat(diagnosis.steps()).isNotEmpty();
  }

  @Test
  void ofErrorName_withNameOutsideTheBackingServices_isEmpty() {
    assertThat(Diagnosis.ofErrorName("CustomKeyStoreNotFoundException")).isEmpty();
  }

  @Test
  void of_exception_usesItsErrorName() {
    CksException e =
        new CksException("XksProxyUriUnreachableException", 400, "req-1", "unreachable", null);

    Diagnosis diagnosis = Diagnosis.of(e).orElseThrow();

    assertThat(diagnosis.category()).isEqualTo(Category.NETWORK);
    assertThat(diagnosis.retryCanHelp()).isTrue();
  }

  @Test
  void ofConnectionErrorCode_withCodeUnknownToThisVersion_keepsTheCode() {
    Diagnosis diagnosis = Diagnosis.ofConnectionErrorCode("XKS_PROXY_ON_FIRE");

    assertThat(diagnosis.problem()).isEqualTo("XKS_PROXY_ON_FIRE");
    assertThat(diagnosis.category()).isEqualTo(Category.UNKNOWN);
    assertThat(diagnosis.retryCanHelp()).isFalse();
    assertThat(diagnosis.disconnectFirst()).isTrue();
  }

  @Test
  void of_categoriesOfRepresentativeCodes() {
    assertThat(Diagnosis.of(ConnectionErrorCode.XKS_PROXY_INVALID_TLS_CONFIGURATION).category())
        .isEqualTo(Category.TLS);
    assertThat(Diagnosis.of(ConnectionErrorCode.INVALID_CREDENTIALS).category())
        .isEqualTo(Category.CREDENTIALS);
    assertThat(Diagnosis.of(ConnectionErrorCode.INTERNAL_ERROR).category())
        .isEqualTo(Category.TRANSIENT);
    assertThat(Diagnosis.of(ConnectionErrorCode.INSUFFICIENT_CLOUDHSM_HSMS).category())
        .isEqualTo(Category.HSM);
    assertThat(Diagnosis.of(ConnectionErrorCode.XKS_PROXY_INVALID_RESPONSE).category())
        .isEqualTo(Category.PROXY);
    assertThat(Diagnosis.of(ConnectionErrorCode.XKS_PROXY_TIMED_OUT).category())
        .isEqualTo(Category.NETWORK);
  }

  @Test
  void retryCanHelp_onlyForPassingFaults() {
    List<ConnectionErrorCode> retryable =
        Arrays.stream(ConnectionErrorCode.values())
            .filter(c -> c != ConnectionErrorCode.UNKNOWN_TO_SDK_VERSION)
            .filter(c -> Diagnosis.of(c).retryCanHelp())
            .toList();

    assertThat(retryable)
        .containsExactlyInAnyOrder(
            ConnectionErrorCode.NETWORK_ERRORS,
            ConnectionErrorCode.INTERNAL_ERROR,
            ConnectionErrorCode.XKS_PROXY_NOT_REACHABLE,
            ConnectionErrorCode.XKS_PROXY_INVALID_RESPONSE,
            ConnectionErrorCode.XKS_PROXY_TIMED_OUT);
  }

  @Test
  void toText_listsCauseAndNumberedSteps() {
    assertThat(Diagnosis.of(ConnectionErrorCode.INSUFFICIENT_CLOUDHSM_HSMS).toText())
        .isEqualTo(
            "INSUFFICIENT_CLOUDHSM_HSMS (hsm, a retry alone will not help)\n"
                + "The cluster has no active HSM; connecting needs at least one.\n"
                + "  1. Disconnect the key store (DisconnectCustomKeyStore): KMS connects a FAILED"
                + " store only after it has been disconnected.\n"
                + "  2. Add an HSM to the cluster, preferably in a second Availability Zone, and"
                + " wait until it is active.\n"
                + "  3. Connect the key store again (ConnectCustomKeyStore) and wait for"
                + " CONNECTED.\n");
  }

  @Test
  void of_withNull_throwsNamingTheParameter() {
    assertThatNullPointerException()
        .isThrownBy(() -> Diagnosis.of((ConnectionErrorCode) null))
        .withMessage("code");
    assertThatNullPointerException()
        .isThrownBy(() -> Diagnosis.ofErrorName(null))
        .withMessage("errorName");
  }

  @Test
  void toJson_holdsEveryPartAsData() throws Exception {
    Diagnosis diagnosis = Diagnosis.of(ConnectionErrorCode.INVALID_CREDENTIALS);

    JsonNode json = new ObjectMapper().readTree(diagnosis.toJson());

    assertThat(json.get("problem").asText()).isEqualTo("INVALID_CREDENTIALS");
    assertThat(json.get("category").asText()).isEqualTo(diagnosis.category().name());
    assertThat(json.get("retryCanHelp").asBoolean()).isEqualTo(diagnosis.retryCanHelp());
    assertThat(json.get("disconnectFirst").asBoolean()).isTrue();
    assertThat(json.get("cause").asText()).isEqualTo(diagnosis.cause());
    List<String> steps = new java.util.ArrayList<>();
    json.get("steps").forEach(step -> steps.add(step.asText()));
    assertThat(steps).isEqualTo(diagnosis.steps());
  }
}
