package dev.cks.check;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Looks a proxy's host name up as KMS does: by DNS, for an IPv4 address, port 443. */
final class Resolution {

  private Resolution() {}

  /** Adds the {@code DNS} check and returns the address to connect to, or null if none. */
  static InetSocketAddress lookUp(String host, Checks checks) {
    InetAddress[] all;
    try {
      all = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      checks.failed(
          ProxyCheck.DNS, host + " does not resolve; KMS reports XKS_PROXY_NOT_REACHABLE.");
      return null;
    }
    List<String> ipv4 = new ArrayList<>();
    List<String> others = new ArrayList<>();
    InetAddress first = null;
    for (InetAddress address : all) {
      if (address instanceof Inet4Address) {
        ipv4.add(address.getHostAddress());
        first = first == null ? address : first;
      } else {
        others.add(address.getHostAddress());
      }
    }
    if (first == null) {
      checks.failed(
          ProxyCheck.DNS,
          host
              + " resolves only to IPv6 addresses ("
              + Texts.some(others)
              + "); KMS connects over IPv4 only.");
      return null;
    }
    checks.passed(
        ProxyCheck.DNS,
        host
            + " resolves to "
            + Texts.some(ipv4)
            + "; the check connects to "
            + first.getHostAddress()
            + " port 443, as KMS does.");
    return new InetSocketAddress(first, 443);
  }
}
