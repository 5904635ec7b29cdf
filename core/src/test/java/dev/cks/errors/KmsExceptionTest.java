package dev.cks.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KmsExceptionTest {

  @ParameterizedTest
  @CsvSource({
    "AccessDeniedException, 400",
    "AlreadyExistsException, 409",
    "CloudHsmClusterInUseException, 400",
    "CloudHsmClusterInvalidConfigurationException, 400",
    "CloudHsmClusterNotActiveException, 400",
    "CloudHsmClusterNotFoundException, 400",
    "CloudHsmClusterNotRelatedException, 400",
    "CustomKeyStoreHasCMKsException, 400",
    "CustomKeyStoreInvalidStateException, 400",
    "CustomKeyStoreNameInUseException, 400",
    "CustomKeyStoreNotFoundException, 400",
    "DependencyTimeoutException, 503",
    "DisabledException, 409",
    "IncorrectKeyException, 400",
    "IncorrectTrustAnchorException, 400",
    "InvalidArnException, 400",
    "InvalidCiphertextException, 400",
    "InvalidGrantTokenException, 400",
    "InvalidKeyUsageException, 400",
    "InvalidMarkerException, 400",
    "KMSInternalException, 500",
    "KMSInvalidStateException, 409",
    "KeyUnavailableException, 500",
    "LimitExceededException, 400",
    "MalformedPolicyDocumentException, 400",
    "NotFoundException, 404",
    "TagException, 400",
    "ThrottlingException, 400",
    "UnsupportedOperationException, 400",
    "XksKeyAlreadyInUseException, 400",
    "XksKeyInvalidConfigurationException, 400",
    "XksKeyNotFoundException, 400",
    "XksProxyIncorrectAuthenticationCredentialException, 400",
    "XksProxyInvalidConfigurationException, 400",
    "XksProxyInvalidResponseException, 400",
    "XksProxyUriEndpointInUseException, 400",
    "XksProxyUriInUseException, 400",
    "XksProxyUriUnreachableException, 400",
    "XksProxyVpcEndpointServiceInUseException, 400",
    "XksProxyVpcEndpointServiceInvalidConfigurationException, 400",
    "XksProxyVpcEndpointServiceNotFoundException, 400",
  })
  void of_knownName_buildsItsOwnClassWithItsStatus(String name, int status) {
    KmsException e = KmsException.of(name, 999, "req-7", "what went wrong", null);

    assertThat(e.getClass().getSimpleName()).isEqualTo(name);
    assertThat(e.errorName()).isEqualTo(name);
    assertThat(e.httpStatus()).isEqualTo(status);
    assertThat(e.requestId()).contains("req-7");
    assertThat(e).hasMessage("what went wrong");
  }

  @Test
  void of_unknownName_keepsNameAndStatus() {
    IllegalStateException cause = new IllegalStateException("boom");

    KmsException e = KmsException.of("BrandNewException", 418, null, "new", cause);

    assertThat(e.getClass()).isEqualTo(KmsException.class);
    assertThat(e.errorName()).isEqualTo("BrandNewException");
    assertThat(e.httpStatus()).isEqualTo(418);
    assertThat(e.requestId()).isEmpty();
    assertThat(e).hasCause(cause);
  }

  @Test
  void retryable_onlyForThrottlingAndServerFaults() {
    assertThat(new ThrottlingException("slow down").retryable()).isTrue();
    assertThat(new KMSInternalException("oops").retryable()).isTrue();
    assertThat(new DependencyTimeoutException("late").retryable()).isTrue();
    assertThat(new KeyUnavailableException("away").retryable()).isTrue();
    assertThat(new CustomKeyStoreInvalidStateException("state").retryable()).isFalse();
    assertThat(new XksProxyUriUnreachableException("far").retryable()).isFalse();
  }
}
