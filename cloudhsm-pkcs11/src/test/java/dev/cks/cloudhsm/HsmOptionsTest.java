package dev.cks.cloudhsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HsmOptionsTest {

  @Test
  void setters_returnChangedCopies() {
    HsmOptions defaults = HsmOptions.defaults();

    HsmOptions changed =
        defaults.maxSessions(4).sessionWait(Duration.ofSeconds(1)).loginTimeout(Duration.ZERO);

    assertThat(defaults)
        .hasToString("HsmOptions[maxSessions=16, sessionWait=PT10S, loginTimeout=PT30S]");
    assertThat(changed.maxSessions()).isEqualTo(4);
    assertThat(changed.sessionWait()).isEqualTo(Duration.ofSeconds(1));
    assertThat(changed.loginTimeout()).isZero();
  }

  @Test
  void maxSessions_belowOne_isRejected() {
    assertThatThrownBy(() -> HsmOptions.defaults().maxSessions(0))
        .hasMessage("maxSessions must be at least 1, was 0");
  }

  @Test
  void loginTimeout_negative_isRejected() {
    assertThatThrownBy(() -> HsmOptions.defaults().loginTimeout(Duration.ofMillis(-1)))
        .hasMessage("loginTimeout must not be negative, was PT-0.001S");
  }
}
