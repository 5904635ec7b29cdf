package dev.cks.cloudhsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cks.ConnectionErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectionFailuresTest {

  @ParameterizedTest
  @CsvSource({
    "0xA0, INVALID_CREDENTIALS",
    "0xA1, INVALID_CREDENTIALS",
    "0xA2, INVALID_CREDENTIALS",
    "0xA4, USER_LOCKED_OUT",
    "0x100, USER_LOGGED_IN",
    "0x104, USER_LOGGED_IN",
    "0x102, USER_NOT_FOUND",
    "0x103, USER_NOT_FOUND",
    "0x3, CLUSTER_NOT_FOUND",
    "0xE0, CLUSTER_NOT_FOUND",
    "0xE1, CLUSTER_NOT_FOUND",
    "0x32, NETWORK_ERRORS",
    "0x5, INTERNAL_ERROR",
    "0x6, INTERNAL_ERROR",
    "0x30, INTERNAL_ERROR",
    "0x80000001, INTERNAL_ERROR"
  })
  void codeFor_mapsEachReturnValue(String returnValue, ConnectionErrorCode expected) {
    assertThat(ConnectionFailures.codeFor(Long.decode(returnValue))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "0xA0, CKR_PIN_INCORRECT",
    "0x100, CKR_USER_ALREADY_LOGGED_IN",
    "0x80000001, CKR_0x80000001"
  })
  void name_namesKnownValuesAndPrintsOthersInHex(String returnValue, String expected) {
    assertThat(Ck.name(Long.decode(returnValue))).isEqualTo(expected);
  }
}
