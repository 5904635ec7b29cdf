package dev.cks.xks;

import dev.cks.XksProxyCredential;
import dev.cks.signer.SigV4Credentials;
import dev.cks.signer.XksRequestSigner;
import java.util.Map;

/** Signs XKS requests with SigV4 for the service {@code kms-xks-proxy}, as KMS does. */
final class RequestSigning {

  private final XksRequestSigner signer;

  RequestSigning(XksProxyCredential credential, String region) {
    this.signer =
        XksRequestSigner.builder()
            .region(region)
            .credentials(
                SigV4Credentials.of(
                    credential.accessKeyId(), credential.rawSecretAccessKey().reveal()))
            .build();
  }

  /** The headers to add to a POST of {@code body} to {@code path} on {@code host}. */
  Map<String, String> sign(String host, String path, byte[] body) {
    return signer.sign(host, path, body).asMap();
  }

  @Override
  public String toString() {
    return signer.toString();
  }
}
