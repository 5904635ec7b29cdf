package dev.cks.xks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XksErrorNameTest {

  @Test
  void fromWireName_findsEveryNameAndItsStatus() {
    assertThat(XksErrorName.fromWireName("KeyNotFoundException"))
        .contains(XksErrorName.KEY_NOT_FOUND);
    assertThat(XksErrorName.KEY_NOT_FOUND.httpStatus()).isEqualTo(404);
    assertThat(XksErrorName.AUTHENTICATION_FAILED.httpStatus()).isEqualTo(401);
    assertThat(XksErrorName.THROTTLING.httpStatus()).isEqualTo(429);
    assertThat(XksErrorName.UNSUPPORTED_OPERATION.httpStatus()).isEqualTo(501);
    assertThat(XksErrorName.DEPENDENCY_TIMEOUT.httpStatus()).isEqualTo(503);
    for (XksErrorName name : XksErrorName.values()) {
      assertThat(XksErrorName.fromWireName(name.wireName())).contains(name);
    }
  }

  @Test
  void fromWireName_withUnknownName_isEmpty() {
    assertThat(XksErrorName.fromWireName("keynotfoundexception")).isEmpty();
  }

  @Test
  void errorsOf_giveOneExceptionClassPerName() {
    for (XksErrorName name : XksErrorName.values()) {
      XksProxyException e = XksErrors.of(name, name.httpStatus(), "req-1", "m");

      assertThat(e.errorName()).isEqualTo(name.wireName());
      assertThat(e.getClass().getSimpleName()).isEqualTo("XksProxy" + name.wireName());
      assertThat(e.httpStatus()).isEqualTo(name.httpStatus());
      assertThat(e.requestId()).contains("req-1");
    }
  }
}
