package dev.cks.diagnosis;

import static dev.cks.diagnosis.Category.CREDENTIALS;
import static dev.cks.diagnosis.Category.HSM;
import static dev.cks.diagnosis.Category.NETWORK;
import static dev.cks.diagnosis.Category.PROXY;

import java.util.List;
import java.util.Map;

/**
 * The diagnosis of each KMS error about reaching or configuring the service behind a key store, as
 * CreateCustomKeyStore, UpdateCustomKeyStore and ConnectCustomKeyStore throw them.
 */
final class ErrorNames {

  private static final Map<String, Diagnosis> BY_NAME =
      Map.ofEntries(
          entry(
              "XksProxyIncorrectAuthenticationCredentialException",
              CREDENTIALS,
              false,
              "The proxy rejected the access key id or the secret access key.",
              "Use the credential the proxy has for this path; both parts must match it."),
          entry(
              "XksProxyInvalidConfigurationException",
              PROXY,
              false,
              "The proxy's configuration does not match the request, most often the URI path.",
              "Use the URI path the proxy serves for this key store."),
          entry(
              "XksProxyInvalidResponseException",
              PROXY,
              true,
              "The proxy answered with something KMS could not read.",
              "Check the proxy's logs; if this repeats, report it to the proxy's vendor."),
          entry(
              "XksProxyUriEndpointInUseException",
              PROXY,
              false,
              "Another key store already uses this endpoint in a way that excludes this one: a"
                  + " public endpoint may not reuse a VPC store's endpoint, and each VPC store"
                  + " needs its own private DNS name.",
              "Use another endpoint, or delete the key store that holds it."),
          entry(
              "XksProxyUriInUseException",
              PROXY,
              false,
              "Another key store in this account and Region has the same endpoint and path.",
              "Use another URI path on the proxy (one path per key store)."),
          entry(
              "XksProxyUriUnreachableException",
              NETWORK,
              true,
              "KMS could not reach the proxy, it answered too slowly, or it reports that none of"
                  + " its key managers is available.",
              "Check the endpoint, that the proxy answers on port 443 within 250 ms, and that its"
                  + " key manager is up; then try again."),
          entry(
              "XksProxyVpcEndpointServiceInUseException",
              NETWORK,
              false,
              "Another key store already uses this VPC endpoint service.",
              "Give each external key store its own VPC endpoint service."),
          entry(
              "XksProxyVpcEndpointServiceInvalidConfigurationException",
              NETWORK,
              false,
              "The VPC endpoint service does not meet KMS's requirements.",
              "Check acceptance (must not be required), the network load balancer in two"
                  + " Availability Zones, port 443, and a verified private DNS name."),
          entry(
              "XksProxyVpcEndpointServiceNotFoundException",
              NETWORK,
              false,
              "The VPC endpoint service was not found, or KMS's principal may not use it.",
              "Check the service name and owner, and allow the principal"
                  + " cks.kms.<region>.amazonaws.com on the endpoint service."),
          entry(
              "CloudHsmClusterInUseException",
              HSM,
              false,
              "The cluster, or a cluster sharing its backup history, already backs a key store.",
              "Use another cluster, or delete the key store that holds this one."),
          entry(
              "CloudHsmClusterInvalidConfigurationException",
              HSM,
              false,
              "The cluster does not meet KMS's requirements: two active HSMs in different"
                  + " Availability Zones, private subnets in two zones, and the default rules of"
                  + " its security group.",
              "Add HSMs until two are active in different zones, and restore the cluster"
                  + " security group's rules for ports 2223 to 2225."),
          entry(
              "CloudHsmClusterNotActiveException",
              HSM,
              false,
              "The cluster is not active: it is not yet initialized and activated.",
              "Initialize and activate the cluster, then try again."),
          entry(
              "CloudHsmClusterNotFoundException",
              HSM,
              false,
              "No CloudHSM cluster has this id in this account and Region.",
              "Check the cluster id, or restore the cluster from a backup."),
          entry(
              "CloudHsmClusterNotRelatedException",
              HSM,
              false,
              "The new cluster does not share backup history with the key store's cluster.",
              "Use a cluster created from a backup of the original one."),
          entry(
              "IncorrectTrustAnchorException",
              HSM,
              false,
              "The trust anchor certificate is not the one that issued the cluster's certificate.",
              "Use the content of customerCA.crt made when the cluster was initialized."));

  private ErrorNames() {}

  static Diagnosis diagnose(String errorName) {
    return BY_NAME.get(errorName);
  }

  private static Map.Entry<String, Diagnosis> entry(
      String name, Category category, boolean retryCanHelp, String cause, String... steps) {
    return Map.entry(name, Diagnosis.forError(name, category, retryCanHelp, cause, List.of(steps)));
  }
}
