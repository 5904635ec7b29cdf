package dev.cks.xks;

import java.util.Map;

/** Signs XKS requests with SigV4 for the service {@code kms-xks-proxy}. */
final class RequestSigning {

  private final XksCredential credential;
  private final String region;

  RequestSigning(XksCredential credential, String region) {
    this.credential = credential;
    this.region = region;
  }

  /** The headers to add to a POST of {@code body} to {@code path} on {@code host}. */
  Map<String, String> sign(String host, String path, byte[] body) {
    return Map.of();
  }

  @Override
  public String toString() {
    return "RequestSigning[" + credential.accessKeyId() + ", " + region + "]";
  }
}
