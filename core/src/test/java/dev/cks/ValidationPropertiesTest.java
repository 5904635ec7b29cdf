package dev.cks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.function.Consumer;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of validation: valid languages build, single mutations name their member. */
class ValidationPropertiesTest {

  // Valid values always build

  @Property
  void externalSpec_fromValidValues_alwaysBuilds(
      @ForAll("externalSpecs") ExternalKeyStoreSpec spec) {
    assertThat(spec.type()).isEqualTo(CustomKeyStoreType.EXTERNAL_KEY_STORE);
  }

  // Each CloudHSM spec parses and verifies its certificate, so these properties try fewer cases.

  @Property(tries = 200)
  void cloudHsmSpec_fromValidValues_alwaysBuilds(
      @ForAll("cloudHsmSpecs") CloudHsmKeyStoreSpec spec) {
    assertThat(spec.type()).isEqualTo(CustomKeyStoreType.AWS_CLOUDHSM);
  }

  @Provide
  Arbitrary<ExternalKeyStoreSpec> externalSpecs() {
    return ValidValues.externalSpecs();
  }

  @Provide
  Arbitrary<CloudHsmKeyStoreSpec> cloudHsmSpecs() {
    return ValidValues.cloudHsmSpecs();
  }

  // One mutation breaks one rule and names its member

  /** A valid spec with one member broken, and the member it should name. */
  record Mutation(String member, Runnable build) {
    @Override
    public String toString() {
      return member;
    }
  }

  @Property(tries = 500)
  void build_withOneMemberBroken_failsNamingOnlyThatMember(@ForAll("mutations") Mutation mutation) {
    Throwable thrown = catchThrowable(mutation.build()::run);

    assertThat(thrown).isInstanceOf(ValidationException.class);
    assertThat(((ValidationException) thrown).violations())
        .isNotEmpty()
        .allSatisfy(violation -> assertThat(violation.member()).isEqualTo(mutation.member()));
  }

  @Provide
  Arbitrary<Mutation> mutations() {
    return Arbitraries.oneOf(
        mutate("CustomKeyStoreName", brokenNames(), (spec, v) -> spec.withName(v)),
        mutate("XksProxyUriEndpoint", brokenEndpoints(), (spec, v) -> spec.withProxyUriEndpoint(v)),
        mutate("XksProxyUriPath", brokenPaths(), (spec, v) -> spec.withProxyUriPath(v)),
        hsmMutate(
            "CloudHsmClusterId", brokenClusterIds(), (spec, v) -> spec.withCloudHsmClusterId(v)),
        hsmMutate(
            "KeyStorePassword",
            brokenPasswords(),
            (spec, v) -> spec.withKeyStorePassword(Secret.of(v))),
        hsmMutate(
            "TrustAnchorCertificate",
            Arbitraries.of(
                TestCertificates.CHAIN,
                TestCertificates.CLUSTER_CERTIFICATE,
                TestCertificates.SELF_SIGNED_LEAF,
                "<certificate-goes-here>"),
            (spec, v) -> spec.withTrustAnchorCertificate(v)),
        plain(
            "XksProxyAuthenticationCredential.AccessKeyId",
            brokenAccessKeyIds(),
            v -> XksProxyCredential.of(v, Secret.of(Fixtures.RAW_SECRET))),
        plain(
            "XksProxyAuthenticationCredential.RawSecretAccessKey",
            brokenRawSecrets(),
            v -> XksProxyCredential.of(Fixtures.ACCESS_KEY_ID, Secret.of(v))),
        plain(
            "XksProxyVpcEndpointServiceName",
            brokenServiceNames(),
            v -> XksProxyConnectivity.vpcEndpointService(v)),
        plain(
            "XksProxyVpcEndpointServiceOwner",
            brokenAccountIds(),
            v -> XksProxyConnectivity.vpcEndpointService(Fixtures.SERVICE_NAME, v)));
  }

  private static Arbitrary<Mutation> mutate(
      String member,
      Arbitrary<String> values,
      java.util.function.BiFunction<ImmutableExternalKeyStoreSpec, String, Object> change) {
    return Combinators.combine(ValidValues.externalSpecs(), values)
        .as(
            (spec, v) ->
                new Mutation(member, () -> change.apply((ImmutableExternalKeyStoreSpec) spec, v)));
  }

  private static Arbitrary<Mutation> hsmMutate(
      String member,
      Arbitrary<String> values,
      java.util.function.BiFunction<ImmutableCloudHsmKeyStoreSpec, String, Object> change) {
    return Combinators.combine(ValidValues.cloudHsmSpecs(), values)
        .as(
            (spec, v) ->
                new Mutation(member, () -> change.apply((ImmutableCloudHsmKeyStoreSpec) spec, v)));
  }

  private static Arbitrary<Mutation> plain(
      String member, Arbitrary<String> values, Function<String, Object> build) {
    return values.map(v -> new Mutation(member, () -> build.apply(v)));
  }

  private static Arbitrary<String> brokenNames() {
    return Arbitraries.oneOf(
        Arbitraries.just(""), Arbitraries.strings().alpha().ofMinLength(257).ofMaxLength(400));
  }

  private static Arbitrary<String> brokenEndpoints() {
    return ValidValues.endpoints()
        .flatMap(
            endpoint ->
                Arbitraries.of(
                    endpoint.replace("https://", "http://"),
                    endpoint + ":443",
                    endpoint + "/",
                    endpoint + "/kms",
                    "https://192.168.0.1",
                    endpoint.replace("https://", "https://_")));
  }

  private static Arbitrary<String> brokenPaths() {
    return ValidValues.paths()
        .flatMap(
            path ->
                Arbitraries.of(
                    path.replaceFirst("/v[0-9]+$", ""),
                    "x" + path.substring(1),
                    path + "/",
                    path.replaceFirst("/kms/xks/v([0-9]+)$", "/kms/xks/v$1.0")));
  }

  private static Arbitrary<String> brokenClusterIds() {
    return ValidValues.clusterIds()
        .flatMap(
            id ->
                Arbitraries.of(
                    id.replace("cluster-", "kluster-"),
                    id.replace("cluster-", "cluster_"),
                    id + "ABCDEFGHIJ"));
  }

  private static Arbitrary<String> brokenPasswords() {
    return Arbitraries.oneOf(
        Arbitraries.strings().alpha().ofMaxLength(6),
        Arbitraries.strings().alpha().ofMinLength(33).ofMaxLength(60));
  }

  private static Arbitrary<String> brokenAccessKeyIds() {
    return ValidValues.accessKeyIds()
        .flatMap(
            id ->
                Arbitraries.of(
                    id.substring(1) + "1",
                    id.substring(1) + "0",
                    id.toLowerCase(java.util.Locale.ROOT),
                    id.substring(0, 19),
                    id + "ABCDEFGHIJK"));
  }

  private static Arbitrary<String> brokenRawSecrets() {
    return ValidValues.rawSecrets()
        .flatMap(
            secret ->
                Arbitraries.of(
                    secret.substring(1) + "-", secret.substring(0, 42), secret + "A".repeat(22)));
  }

  private static Arbitrary<String> brokenServiceNames() {
    return ValidValues.serviceNames()
        .flatMap(
            name ->
                Arbitraries.of(
                    name.replaceFirst("^(com|eu)", "org"),
                    name.replace(".vpce-svc-", ".vpce-svc-X"),
                    name.replace(".amazonaws.vpce.", ".amazonaws.vpce.1")));
  }

  private static Arbitrary<String> brokenAccountIds() {
    return Arbitraries.oneOf(
        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(11),
        Arbitraries.strings().numeric().ofMinLength(13).ofMaxLength(20),
        Arbitraries.strings().numeric().ofLength(11).map(digits -> digits + "x"));
  }

  // Arbitrary strings cause nothing but ValidationException

  @Property
  void build_withArbitraryStringInAnyMember_throwsNothingButValidationException(
      @ForAll("anyText") String value, @ForAll("members") Consumer<String> member) {
    Throwable thrown = catchThrowable(() -> member.accept(value));

    assertThat(thrown)
        .satisfiesAnyOf(
            t -> assertThat(t).isNull(),
            t -> assertThat(t).isInstanceOf(ValidationException.class));
  }

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.strings().all().ofMaxLength(300);
  }

  @Provide
  Arbitrary<Consumer<String>> members() {
    ImmutableExternalKeyStoreSpec xks = Fixtures.validXks();
    ImmutableCloudHsmKeyStoreSpec hsm = Fixtures.validHsm();
    return Arbitraries.of(
        v -> xks.withName(v),
        v -> xks.withProxyUriEndpoint(v),
        v -> xks.withProxyUriPath(v),
        v -> hsm.withCloudHsmClusterId(v),
        v -> hsm.withTrustAnchorCertificate(v),
        v -> hsm.withKeyStorePassword(Secret.of(v)),
        v -> XksProxyCredential.of(v, Secret.of(Fixtures.RAW_SECRET)),
        v -> XksProxyCredential.of(Fixtures.ACCESS_KEY_ID, Secret.of(v)),
        v -> XksProxyConnectivity.vpcEndpointService(v),
        v -> XksProxyConnectivity.vpcEndpointService(Fixtures.SERVICE_NAME, v),
        v -> CloudHsmKeyStoreUpdate.builder().customKeyStoreId(v).newName(v).build(),
        v ->
            ExternalKeyStoreUpdate.builder()
                .customKeyStoreId("cks-1")
                .vpcEndpointServiceName(v)
                .build());
  }

  // Secrets never show

  @Property(tries = 200)
  void secrets_neverAppearInToStringOrMessages(@ForAll("secrets") String secret) {
    CloudHsmKeyStoreSpec hsm = Fixtures.hsm().build();
    XksProxyCredential valid = Fixtures.credential();
    StringBuilder seen = new StringBuilder();

    seen.append(
        catchMessage(
            () -> ((ImmutableCloudHsmKeyStoreSpec) hsm).withKeyStorePassword(Secret.of(secret))));
    seen.append(
        catchMessage(() -> XksProxyCredential.of(Fixtures.ACCESS_KEY_ID, Secret.of(secret))));
    seen.append(
        catchMessage(
            () ->
                CloudHsmKeyStoreUpdate.builder()
                    .customKeyStoreId("")
                    .keyStorePassword(Secret.of(secret))
                    .build()));
    seen.append(Secret.of(secret));
    seen.append(
        Fixtures.hsm("name", "cluster-234abcdefABC", TestCertificates.CUSTOMER_CA, "kmsPswd")
            .build());
    if (secret.length() >= 7 && secret.length() <= 32) {
      seen.append(
          Fixtures.hsm("name", "cluster-234abcdefABC", TestCertificates.CUSTOMER_CA, secret)
              .build());
    }
    seen.append(valid);

    assertThat(seen.toString()).doesNotContain(secret);
  }

  @Property
  void validSecrets_neverAppearInToStringOfSpecsUpdatesOrConfigurationFiles(
      @ForAll("validRawSecrets") String secret) {
    XksProxyCredential credential =
        XksProxyCredential.of(Fixtures.ACCESS_KEY_ID, Secret.of(secret));
    ExternalKeyStoreSpec spec = Fixtures.validXks().withProxyCredential(credential);
    ExternalKeyStoreUpdate update =
        ExternalKeyStoreUpdate.builder()
            .customKeyStoreId("cks-1234567890abcdef0")
            .proxyCredential(credential)
            .build();
    String file =
        "{\"XksProxyUriPath\": \"/kms/xks/v1\", \"XksProxyAuthenticationCredential\":"
            + " {\"AccessKeyId\": \""
            + Fixtures.ACCESS_KEY_ID
            + "\", \"RawSecretAccessKey\": \""
            + secret
            + "\"}}";

    String shown =
        credential
            + " "
            + spec
            + " "
            + update
            + " "
            + dev.cks.json.ProxyConfigurationFile.parse(file)
            + " "
            + dev.cks.json.ProxyConfigurationFile.parse(file).credential();

    assertThat(shown).doesNotContain(secret).doesNotContain(Fixtures.ACCESS_KEY_ID);
  }

  @Provide
  Arbitrary<String> validRawSecrets() {
    return ValidValues.rawSecrets();
  }

  @Provide
  Arbitrary<String> secrets() {
    // Long and varied enough that finding one elsewhere by chance is out of the question.
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withCharRange('A', 'Z')
        .withCharRange('0', '9')
        .withChars('/', '+', '=', '-', '!', ' ')
        .ofMinLength(12)
        .ofMaxLength(70)
        .filter(s -> s.chars().distinct().count() >= 6);
  }

  private static String catchMessage(Runnable action) {
    Throwable thrown = catchThrowable(action::run);
    return thrown == null ? "" : thrown.getMessage() + thrown;
  }
}
