package dev.cks;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of values from each member's valid language, as the KMS model defines it. */
final class ValidValues {

  private ValidValues() {}

  static Arbitrary<String> names() {
    return Arbitraries.strings()
        .ofMinLength(1)
        .ofMaxLength(256)
        .filter(name -> Text.length(name) >= 1 && Text.length(name) <= 256);
  }

  static Arbitrary<String> clusterIds() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withCharRange('A', 'Z')
        .withCharRange('2', '7')
        .ofMinLength(11)
        .ofMaxLength(16)
        .map(tail -> "cluster-" + tail);
  }

  static Arbitrary<String> passwords() {
    return Arbitraries.strings().alpha().numeric().ofMinLength(7).ofMaxLength(32);
  }

  static Arbitrary<String> endpoints() {
    Arbitrary<String> label =
        Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').ofLength(1),
                Arbitraries.strings()
                    .withCharRange('a', 'z')
                    .withCharRange('0', '9')
                    .withChars('-')
                    .ofMaxLength(20),
                Arbitraries.strings()
                    .withCharRange('a', 'z')
                    .withCharRange('A', 'Z')
                    .withCharRange('0', '9')
                    .ofLength(1))
            .as((first, middle, last) -> first + middle + last);
    return label
        .list()
        .ofMinSize(1)
        .ofMaxSize(5)
        .map(labels -> "https://" + String.join(".", labels))
        .filter(endpoint -> endpoint.length() >= 10 && endpoint.length() <= 128);
  }

  static Arbitrary<String> paths() {
    Arbitrary<String> version = Arbitraries.integers().between(0, 99).map(v -> "/kms/xks/v" + v);
    Arbitrary<String> prefix =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .withChars('/', '_', '-')
            .ofMinLength(1)
            .ofMaxLength(100)
            .map(rest -> "/" + rest)
            .injectNull(0.3);
    return Combinators.combine(prefix, version)
        .as((p, v) -> p == null ? v : p + v)
        .filter(path -> path.length() >= 10 && path.length() <= 128);
  }

  static Arbitrary<String> serviceNames() {
    Arbitrary<String> word =
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6);
    Arbitrary<String> region =
        Combinators.combine(
                word.list().ofMinSize(2).ofMaxSize(3), Arbitraries.integers().between(0, 99))
            .as((words, n) -> String.join("-", words) + "-" + n);
    Arbitrary<String> id =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('0', '9')
            .ofMinLength(1)
            .ofMaxLength(17);
    return Combinators.combine(Arbitraries.of("com", "eu"), region, id)
        .as((partition, r, i) -> partition + ".amazonaws.vpce." + r + ".vpce-svc-" + i)
        .filter(name -> name.length() >= 20 && name.length() <= 64);
  }

  static Arbitrary<String> accountIds() {
    return Arbitraries.strings().numeric().ofLength(12);
  }

  static Arbitrary<String> accessKeyIds() {
    return Arbitraries.strings()
        .withCharRange('A', 'Z')
        .withCharRange('2', '7')
        .ofMinLength(20)
        .ofMaxLength(30);
  }

  static Arbitrary<String> rawSecrets() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withCharRange('A', 'Z')
        .withCharRange('0', '9')
        .withChars('/', '+', '=')
        .ofMinLength(43)
        .ofMaxLength(64);
  }

  static Arbitrary<XksProxyCredential> credentials() {
    return Combinators.combine(accessKeyIds(), rawSecrets())
        .as((id, secret) -> XksProxyCredential.of(id, Secret.of(secret)));
  }

  static Arbitrary<XksProxyConnectivity> connectivities() {
    Arbitrary<XksProxyConnectivity> vpc =
        Combinators.combine(serviceNames(), accountIds().injectNull(0.5))
            .as(
                (name, owner) ->
                    owner == null
                        ? XksProxyConnectivity.vpcEndpointService(name)
                        : XksProxyConnectivity.vpcEndpointService(name, owner));
    return Arbitraries.oneOf(Arbitraries.just(XksProxyConnectivity.publicEndpoint()), vpc);
  }

  static Arbitrary<ExternalKeyStoreSpec> externalSpecs() {
    return Combinators.combine(names(), endpoints(), connectivities(), paths(), credentials())
        .as(
            (name, endpoint, connectivity, path, credential) ->
                ExternalKeyStoreSpec.builder()
                    .name(name)
                    .proxyUriEndpoint(endpoint)
                    .connectivity(connectivity)
                    .proxyUriPath(path)
                    .proxyCredential(credential)
                    .build());
  }

  static Arbitrary<CloudHsmKeyStoreSpec> cloudHsmSpecs() {
    return Combinators.combine(names(), clusterIds(), passwords())
        .as(
            (name, cluster, password) ->
                CloudHsmKeyStoreSpec.builder()
                    .name(name)
                    .cloudHsmClusterId(cluster)
                    .trustAnchorCertificate(TestCertificates.CUSTOMER_CA)
                    .keyStorePassword(Secret.of(password))
                    .build());
  }
}
