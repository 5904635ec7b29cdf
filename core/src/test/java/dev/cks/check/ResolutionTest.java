package dev.cks.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ResolutionTest {

  @Test
  void lookUp_localhost_connectsToItsIpv4AddressOnPort443() {
    Checks checks = new Checks();

    InetSocketAddress target = Resolution.lookUp("localhost", checks);

    assertThat(target).isEqualTo(new InetSocketAddress("127.0.0.1", 443));
    assertThat(checks.list)
        .containsExactly(
            Check.passed(
                "DNS",
                "localhost resolves to 127.0.0.1; the check connects to 127.0.0.1 port 443, as KMS"
                    + " does."));
  }

  @Test
  void lookUp_reservedInvalidName_failsAndGivesNoAddress() {
    Checks checks = new Checks();

    InetSocketAddress target = Resolution.lookUp("proxy.invalid", checks);

    assertThat(target).isNull();
    assertThat(checks.list)
        .containsExactly(
            Check.failed(
                "DNS", "proxy.invalid does not resolve; KMS reports XKS_PROXY_NOT_REACHABLE."));
  }
}
