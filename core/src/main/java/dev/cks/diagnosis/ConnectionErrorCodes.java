package dev.cks.diagnosis;

import static dev.cks.diagnosis.Category.CREDENTIALS;
import static dev.cks.diagnosis.Category.HSM;
import static dev.cks.diagnosis.Category.NETWORK;
import static dev.cks.diagnosis.Category.PROXY;
import static dev.cks.diagnosis.Category.TLS;
import static dev.cks.diagnosis.Category.TRANSIENT;

import java.util.List;
import java.util.Map;

/** The diagnosis of each connection error code KMS reports for a FAILED key store. */
final class ConnectionErrorCodes {

  private static final Map<String, Diagnosis> BY_CODE =
      Map.ofEntries(
          entry(
              "INVALID_CREDENTIALS",
              CREDENTIALS,
              false,
              "KMS could not authenticate: for a CloudHSM key store the stored password is not"
                  + " the kmsuser password of the cluster; for an external key store the proxy"
                  + " rejected the access key id or the secret access key.",
              "CloudHSM: set the kmsuser password in the cluster, then give KMS the same value"
                  + " (UpdateCustomKeyStore with KeyStorePassword).",
              "External: give KMS a credential the proxy accepts, both parts together"
                  + " (UpdateCustomKeyStore with XksProxyAuthenticationCredential)."),
          entry(
              "CLUSTER_NOT_FOUND",
              HSM,
              false,
              "No CloudHSM cluster has the key store's cluster id: it is wrong or the cluster was"
                  + " deleted.",
              "Restore a cluster from a backup of the original one, or find the related cluster"
                  + " that shares its backup history.",
              "Point the key store at it (UpdateCustomKeyStore with CloudHsmClusterId)."),
          entry(
              "NETWORK_ERRORS",
              NETWORK,
              true,
              "Network problems kept KMS from reaching the cluster or the proxy; they are often"
                  + " short-lived.",
              "Wait a few minutes; check the security groups, subnets and routes on the way."),
          entry(
              "INTERNAL_ERROR",
              TRANSIENT,
              true,
              "KMS failed internally while connecting.",
              "Wait a moment; nothing in the key store needs to change."),
          entry(
              "INSUFFICIENT_CLOUDHSM_HSMS",
              HSM,
              false,
              "The cluster has no active HSM; connecting needs at least one.",
              "Add an HSM to the cluster, preferably in a second Availability Zone, and wait until"
                  + " it is active."),
          entry(
              "USER_LOCKED_OUT",
              CREDENTIALS,
              false,
              "The kmsuser crypto user is locked out after too many failed logins.",
              "Reset the kmsuser password in the cluster as the crypto officer.",
              "Give KMS the new password (UpdateCustomKeyStore with KeyStorePassword)."),
          entry(
              "USER_NOT_FOUND",
              HSM,
              false,
              "The cluster has no kmsuser crypto user, or not on every HSM.",
              "Create the crypto user kmsuser on the cluster (every HSM must have it).",
              "Give KMS its password (UpdateCustomKeyStore with KeyStorePassword)."),
          entry(
              "USER_LOGGED_IN",
              CREDENTIALS,
              false,
              "kmsuser is logged in to the cluster elsewhere, so KMS cannot log in and rotate its"
                  + " password.",
              "Log kmsuser out of every client session on the cluster.",
              "If its password was changed meanwhile, give KMS the new one (UpdateCustomKeyStore"
                  + " with KeyStorePassword)."),
          entry(
              "SUBNET_NOT_FOUND",
              NETWORK,
              false,
              "A subnet of the cluster's configuration was deleted.",
              "Create a cluster from a recent backup in existing subnets.",
              "Point the key store at it (UpdateCustomKeyStore with CloudHsmClusterId)."),
          entry(
              "INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET",
              NETWORK,
              false,
              "A private subnet of the cluster has no free IP address; KMS needs one in each"
                  + " (two are better).",
              "Free addresses in the cluster's subnets, or create a cluster from a backup in"
                  + " larger subnets and point the key store at it."),
          entry(
              "XKS_PROXY_ACCESS_DENIED",
              PROXY,
              false,
              "The proxy's authorization rules refused KMS's request.",
              "Allow KMS's requests in the proxy's authorization policy for this key store."),
          entry(
              "XKS_PROXY_NOT_REACHABLE",
              NETWORK,
              true,
              "KMS cannot reach the proxy, or the proxy reports that none of its key managers is"
                  + " available.",
              "Check the endpoint and path, that the proxy runs and answers on port 443, and that"
                  + " its key manager is up."),
          entry(
              "XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND",
              NETWORK,
              false,
              "The VPC endpoint service was not found, or KMS's principal may not use it.",
              "Check the service name and owner, and allow the principal"
                  + " cks.kms.<region>.amazonaws.com on the endpoint service."),
          entry(
              "XKS_PROXY_INVALID_RESPONSE",
              PROXY,
              true,
              "The proxy answered with something KMS could not read.",
              "Check the proxy's logs; if this repeats, report it to the proxy's vendor."),
          entry(
              "XKS_PROXY_INVALID_CONFIGURATION",
              PROXY,
              false,
              "The proxy's configuration does not match the key store, most often the URI path.",
              "Compare the key store's XksProxyUriPath with the path the proxy serves, and update"
                  + " the one that is wrong."),
          entry(
              "XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION",
              NETWORK,
              false,
              "The VPC endpoint service does not meet KMS's requirements.",
              "Check acceptance (must not be required), the network load balancer in two"
                  + " Availability Zones, port 443, and a verified private DNS name."),
          entry(
              "XKS_PROXY_TIMED_OUT",
              NETWORK,
              true,
              "The proxy was reached but did not answer within KMS's 250 ms limit.",
              "Find what slows the proxy or its key manager down; keep the round trip from the"
                  + " Region under 35 ms."),
          entry(
              "XKS_PROXY_INVALID_TLS_CONFIGURATION",
              TLS,
              false,
              "The TLS set-up of the proxy is not acceptable to KMS.",
              "Serve TLS 1.2 or 1.3 with an unexpired certificate for the endpoint's host name,"
                  + " issued by a certificate authority that KMS trusts."));

  private ConnectionErrorCodes() {}

  static Diagnosis diagnose(String code) {
    return BY_CODE.get(code);
  }

  private static Map.Entry<String, Diagnosis> entry(
      String code, Category category, boolean retryCanHelp, String cause, String... fixes) {
    return Map.entry(
        code, Diagnosis.forFailedStore(code, category, retryCanHelp, cause, List.of(fixes)));
  }
}
