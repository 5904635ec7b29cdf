package dev.cks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cks.json.KmsJson;
import dev.cks.json.ProxyConfigurationFile;
import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the JSON codec: it round-trips, and bad input only ever fails validation. */
class KmsJsonPropertiesTest {

  @Property
  void createRequest_ofExternalSpec_roundTrips(@ForAll("externalSpecs") ExternalKeyStoreSpec spec) {
    String json = KmsJson.toCreateRequest(spec).toString();

    assertThat(KmsJson.fromCreateRequest(json)).isEqualTo(spec);
  }

  @Property(tries = 200) // each try parses and verifies a certificate
  void createRequest_ofCloudHsmSpec_roundTrips(@ForAll("cloudHsmSpecs") CloudHsmKeyStoreSpec spec) {
    String json = KmsJson.toCreateRequest(spec).toString();

    assertThat(KmsJson.fromCreateRequest(json)).isEqualTo(spec);
  }

  @Property
  void updateRequest_ofExternalUpdate_roundTrips(
      @ForAll("externalUpdates") ExternalKeyStoreUpdate update) {
    String json = KmsJson.toUpdateRequest(update).toString();

    assertThat(KmsJson.fromUpdateRequest(json, CustomKeyStoreType.EXTERNAL_KEY_STORE))
        .isEqualTo(update);
  }

  @Property
  void updateRequest_ofCloudHsmUpdate_roundTrips(
      @ForAll("cloudHsmUpdates") CloudHsmKeyStoreUpdate update) {
    String json = KmsJson.toUpdateRequest(update).toString();

    assertThat(KmsJson.fromUpdateRequest(json, CustomKeyStoreType.AWS_CLOUDHSM)).isEqualTo(update);
  }

  @Property
  void listEntry_ofAnyDescription_roundTrips(
      @ForAll("descriptions") CustomKeyStoreDescription store) {
    String json = KmsJson.toListEntry(store).toString();

    assertThat(KmsJson.fromListEntry(json)).isEqualTo(store);
  }

  @Property
  void fromCreateRequest_ofArbitraryText_throwsNothingButValidationException(
      @ForAll("anyText") String text) {
    assertOnlyValidationException(() -> KmsJson.fromCreateRequest(text));
    assertOnlyValidationException(
        () -> KmsJson.fromUpdateRequest(text, CustomKeyStoreType.EXTERNAL_KEY_STORE));
    assertOnlyValidationException(() -> KmsJson.fromListEntry(text));
    assertOnlyValidationException(() -> ProxyConfigurationFile.parse(text));
  }

  @Property
  void fromCreateRequest_withArbitraryValueInAnyMember_throwsNothingButValidationException(
      @ForAll("externalSpecs") ExternalKeyStoreSpec spec,
      @ForAll("requestMembers") String member,
      @ForAll("anyText") String value,
      @ForAll boolean asNumber) {
    ObjectNode body = KmsJson.toCreateRequest(spec);
    ObjectNode target =
        member.startsWith("Credential.")
            ? (ObjectNode) body.get("XksProxyAuthenticationCredential")
            : body;
    String name = member.replace("Credential.", "");
    if (asNumber) {
      target.put(name, value.length());
    } else {
      target.put(name, value);
    }

    assertOnlyValidationException(() -> KmsJson.fromCreateRequest(body.toString()));
  }

  @Property(tries = 300)
  void codecMessages_neverQuoteTheSecret(@ForAll("secrets") String secret) {
    ObjectNode body =
        KmsJson.toCreateRequest(Fixtures.xks().build()).put("XksProxyUriPath", "/no-version");
    ((ObjectNode) body.get("XksProxyAuthenticationCredential")).put("RawSecretAccessKey", secret);
    ObjectNode hsm = JsonNodeFactory.instance.objectNode().put("CustomKeyStoreName", "");
    hsm.put("KeyStorePassword", secret)
        .put("CloudHsmClusterId", "x")
        .put("TrustAnchorCertificate", "x");
    String file =
        "{\"XksProxyUriPath\": \"/x\", \"XksProxyAuthenticationCredential\":"
            + " {\"AccessKeyId\": \"a\", \"RawSecretAccessKey\": \""
            + secret
            + "\"}}";

    String messages =
        message(() -> KmsJson.fromCreateRequest(body.toString()))
            + message(() -> KmsJson.fromCreateRequest(hsm.toString()))
            + message(
                () ->
                    KmsJson.fromCreateRequest(hsm.toString().replace("\"" + secret + "\"", secret)))
            + message(() -> ProxyConfigurationFile.parse(file))
            + message(
                () -> ProxyConfigurationFile.parse(file.replace("\"" + secret + "\"", secret)));

    assertThat(messages).doesNotContain(secret);
  }

  private static String message(Runnable action) {
    Throwable thrown = catchThrowable(action::run);
    assertThat(thrown).isInstanceOf(ValidationException.class);
    return thrown.getMessage() + thrown;
  }

  private static void assertOnlyValidationException(Runnable action) {
    Throwable thrown = catchThrowable(action::run);
    if (thrown != null) {
      assertThat(thrown).isInstanceOf(ValidationException.class);
    }
  }

  @Provide
  Arbitrary<ExternalKeyStoreSpec> externalSpecs() {
    return ValidValues.externalSpecs();
  }

  @Provide
  Arbitrary<CloudHsmKeyStoreSpec> cloudHsmSpecs() {
    return ValidValues.cloudHsmSpecs();
  }

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(200),
        Arbitraries.strings().withChars("{}[]\":,0123456789.eE-truefalsnl \\").ofMaxLength(60));
  }

  @Provide
  Arbitrary<String> secrets() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withCharRange('A', 'Z')
        .withCharRange('0', '9')
        .withChars('/', '+', '=', '-', '!', ' ')
        .ofMinLength(12)
        .ofMaxLength(70)
        .filter(s -> s.chars().distinct().count() >= 6);
  }

  @Provide
  Arbitrary<String> requestMembers() {
    return Arbitraries.of(
        "CustomKeyStoreName",
        "CustomKeyStoreType",
        "XksProxyUriEndpoint",
        "XksProxyUriPath",
        "XksProxyConnectivity",
        "XksProxyVpcEndpointServiceName",
        "XksProxyVpcEndpointServiceOwner",
        "XksProxyAuthenticationCredential",
        "KeyStorePassword",
        "Credential.AccessKeyId",
        "Credential.RawSecretAccessKey");
  }

  @Provide
  Arbitrary<ExternalKeyStoreUpdate> externalUpdates() {
    Arbitrary<Optional<String>> names = ValidValues.names().optional();
    Arbitrary<Optional<String>> paths = ValidValues.paths().optional();
    Arbitrary<Optional<XksProxyCredential>> credentials = ValidValues.credentials().optional();
    Arbitrary<Optional<XksProxyConnectivity>> connectivities =
        ValidValues.connectivities().optional();
    Arbitrary<Optional<String>> endpoints = ValidValues.endpoints().optional();
    Arbitrary<Optional<String>> serviceNames = ValidValues.serviceNames().optional();
    return Combinators.combine(names, paths, credentials, connectivities, endpoints, serviceNames)
        .as(
            (name, path, credential, connectivity, endpoint, serviceName) -> {
              ImmutableExternalKeyStoreUpdate.BuildFinal builder =
                  ExternalKeyStoreUpdate.builder()
                      .customKeyStoreId("cks-1234567890abcdef0")
                      .newName(name)
                      .proxyUriPath(path)
                      .proxyCredential(credential);
              if (connectivity.isPresent()) {
                builder
                    .connectivity(connectivity)
                    .proxyUriEndpoint(endpoint.or(() -> Optional.of("https://proxy.example.com")));
              } else {
                builder.proxyUriEndpoint(endpoint).vpcEndpointServiceName(serviceName);
              }
              return builder.build();
            });
  }

  @Provide
  Arbitrary<CloudHsmKeyStoreUpdate> cloudHsmUpdates() {
    return Combinators.combine(
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(64),
            ValidValues.names().optional(),
            ValidValues.passwords().optional(),
            ValidValues.clusterIds().optional())
        .as(
            (id, name, password, cluster) ->
                CloudHsmKeyStoreUpdate.builder()
                    .customKeyStoreId(id)
                    .newName(name)
                    .keyStorePassword(password.map(Secret::of))
                    .cloudHsmClusterId(cluster)
                    .build());
  }

  @Provide
  Arbitrary<CustomKeyStoreDescription> descriptions() {
    Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(40);
    Arbitrary<Instant> instants =
        Combinators.combine(
                Arbitraries.longs().between(0, 4_102_444_800L),
                Arbitraries.integers().between(0, 999_999_999))
            .as(Instant::ofEpochSecond);
    Arbitrary<Optional<XksProxyConfiguration>> proxies =
        Combinators.combine(text, text, text, text, text.optional(), text.optional())
            .as(
                (connectivity, key, endpoint, path, service, owner) ->
                    XksProxyConfiguration.builder()
                        .connectivityAsString(connectivity)
                        .accessKeyId(key)
                        .uriEndpoint(endpoint)
                        .uriPath(path)
                        .vpcEndpointServiceName(service)
                        .vpcEndpointServiceOwner(owner)
                        .build())
            .optional();
    return Combinators.combine(
            Combinators.combine(text, text, text, text).as(java.util.List::of),
            instants,
            text.optional(),
            text.optional(),
            proxies)
        .as(
            (ids, created, errorCode, cluster, proxy) ->
                CustomKeyStoreDescription.builder()
                    .customKeyStoreId(ids.get(0))
                    .customKeyStoreName(ids.get(1))
                    .customKeyStoreTypeAsString(ids.get(2))
                    .connectionStateAsString(ids.get(3))
                    .creationDate(created)
                    .connectionErrorCodeAsString(errorCode)
                    .cloudHsmClusterId(cluster)
                    .trustAnchorCertificate(cluster)
                    .xksProxyConfiguration(proxy)
                    .build());
  }
}
