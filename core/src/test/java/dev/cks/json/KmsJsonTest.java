package dev.cks.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cks.CloudHsmKeyStoreSpec;
import dev.cks.CloudHsmKeyStoreUpdate;
import dev.cks.CustomKeyStoreDescription;
import dev.cks.CustomKeyStoreSpec;
import dev.cks.CustomKeyStoreType;
import dev.cks.CustomKeyStoreUpdate;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.ExternalKeyStoreUpdate;
import dev.cks.Secret;
import dev.cks.ValidationException;
import dev.cks.VpcEndpointService;
import dev.cks.XksProxyConfiguration;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KmsJsonTest {

  static final String ACCESS_KEY_ID = "BCDEFGHIJKLMNOPQRSTU";
  static final String RAW_SECRET = "DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo=";
  static final String SERVICE_NAME = "com.amazonaws.vpce.us-east-1.vpce-svc-example1";

  static final String VPC_REQUEST =
      "{\"CustomKeyStoreName\":\"ExampleVPCEndpointKeyStore\","
          + "\"CustomKeyStoreType\":\"EXTERNAL_KEY_STORE\","
          + "\"XksProxyUriEndpoint\":\"https://myproxy-private.xks.example.com\","
          + "\"XksProxyUriPath\":\"/example-prefix/kms/xks/v1\","
          + "\"XksProxyConnectivity\":\"VPC_ENDPOINT_SERVICE\","
          + "\"XksProxyVpcEndpointServiceName\":\""
          + SERVICE_NAME
          + "\",\"XksProxyAuthenticationCredential\":{\"AccessKeyId\":\""
          + ACCESS_KEY_ID
          + "\",\"RawSecretAccessKey\":\""
          + RAW_SECRET
          + "\"}}";

  private static String failure(Runnable read) {
    try {
      read.run();
    } catch (ValidationException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a ValidationException");
  }

  @Test
  void fromCreateRequest_withDocumentationVpcExample_readsEveryMember() {
    ExternalKeyStoreSpec spec = (ExternalKeyStoreSpec) KmsJson.fromCreateRequest(VPC_REQUEST);

    assertThat(spec.name()).isEqualTo("ExampleVPCEndpointKeyStore");
    assertThat(spec.proxyUriEndpoint()).isEqualTo("https://myproxy-private.xks.example.com");
    assertThat(spec.proxyUriPath()).isEqualTo("/example-prefix/kms/xks/v1");
    assertThat(((VpcEndpointService) spec.connectivity()).serviceName()).isEqualTo(SERVICE_NAME);
    assertThat(spec.proxyCredential().rawSecretAccessKey()).isEqualTo(Secret.of(RAW_SECRET));
  }

  @Test
  void toCreateRequest_ofVpcSpec_writesKmsMemberNamesAndTheSecret() throws Exception {
    CustomKeyStoreSpec spec = KmsJson.fromCreateRequest(VPC_REQUEST);

    assertThat(KmsJson.toCreateRequest(spec)).isEqualTo(JsonReader.MAPPER.readTree(VPC_REQUEST));
  }

  @Test
  void fromCreateRequest_withoutType_readsACloudHsmSpec() {
    String json =
        "{\"CustomKeyStoreName\":\"ExampleKeyStore\","
            + "\"CloudHsmClusterId\":\"cluster-234abcdefABC\","
            + "\"TrustAnchorCertificate\":\"<certificate-goes-here>\","
            + "\"KeyStorePassword\":\"kmsPswd\"}";

    assertThat(failure(() -> KmsJson.fromCreateRequest(json)))
        .isEqualTo(
            "TrustAnchorCertificate must be a PEM-encoded X.509 certificate,"
                + " was \"<certificate-goes-here>\"");
  }

  @Test
  void fromCreateRequest_withMalformedJson_failsWithValidationExceptionWithoutEchoingInput() {
    assertThat(failure(() -> KmsJson.fromCreateRequest("{\"KeyStorePassword\": kmsPswd}")))
        .isEqualTo(
            "CreateCustomKeyStoreRequest must be well-formed JSON, was malformed at line 1,"
                + " column 22");
  }

  @Test
  void fromCreateRequest_withArray_failsSayingItMustBeAnObject() {
    assertThat(failure(() -> KmsJson.fromCreateRequest("[]")))
        .isEqualTo("CreateCustomKeyStoreRequest must be a JSON object, was an array");
  }

  @Test
  void fromCreateRequest_withEmptyObject_failsNamingEveryRequiredMember() {
    assertThat(failure(() -> KmsJson.fromCreateRequest("{}")))
        .isEqualTo(
            "4 validation errors: CustomKeyStoreName is required, was missing;"
                + " CloudHsmClusterId is required for an AWS_CLOUDHSM key store, was missing;"
                + " TrustAnchorCertificate is required for an AWS_CLOUDHSM key store, was missing;"
                + " KeyStorePassword is required for an AWS_CLOUDHSM key store, was missing");
  }

  @Test
  void fromCreateRequest_withWrongJsonTypes_failsNamingEachMember() {
    String json =
        "{\"CustomKeyStoreName\":7,\"CustomKeyStoreType\":\"EXTERNAL_KEY_STORE\","
            + "\"XksProxyUriEndpoint\":true,\"XksProxyUriPath\":\"/kms/xks/v1\","
            + "\"XksProxyConnectivity\":\"PUBLIC_ENDPOINT\","
            + "\"XksProxyAuthenticationCredential\":\"AK:SECRET\"}";

    assertThat(failure(() -> KmsJson.fromCreateRequest(json)))
        .isEqualTo(
            "3 validation errors: CustomKeyStoreName must be a JSON string, was a number;"
                + " XksProxyUriEndpoint must be a JSON string, was a boolean;"
                + " XksProxyAuthenticationCredential must be a JSON object, was a string");
  }

  @Test
  void fromCreateRequest_withUnknownType_failsNamingCustomKeyStoreType() {
    assertThat(
            failure(
                () ->
                    KmsJson.fromCreateRequest(
                        "{\"CustomKeyStoreName\":\"a\",\"CustomKeyStoreType\":\"QUANTUM\"}")))
        .isEqualTo(
            "CustomKeyStoreType must be AWS_CLOUDHSM or EXTERNAL_KEY_STORE, was \"QUANTUM\"");
  }

  @Test
  void fromCreateRequest_withUnknownConnectivity_failsNamingXksProxyConnectivity() {
    String json = VPC_REQUEST.replace("\"VPC_ENDPOINT_SERVICE\"", "\"DIRECT_CONNECT\"");

    assertThat(failure(() -> KmsJson.fromCreateRequest(json)))
        .isEqualTo(
            "XksProxyConnectivity must be PUBLIC_ENDPOINT or VPC_ENDPOINT_SERVICE,"
                + " was \"DIRECT_CONNECT\"");
  }

  @Test
  void fromCreateRequest_withServiceOwnerOnPublicConnectivity_failsSayingItGoesOnlyWithVpc() {
    String json =
        VPC_REQUEST
            .replace("\"VPC_ENDPOINT_SERVICE\"", "\"PUBLIC_ENDPOINT\"")
            .replace(
                "\"XksProxyVpcEndpointServiceName\":\"" + SERVICE_NAME + "\",",
                "\"XksProxyVpcEndpointServiceOwner\":\"111122223333\",");

    assertThat(failure(() -> KmsJson.fromCreateRequest(json)))
        .isEqualTo(
            "XksProxyVpcEndpointServiceOwner must be absent unless XksProxyConnectivity is"
                + " VPC_ENDPOINT_SERVICE, was present");
  }

  @Test
  void fromCreateRequest_withVpcConnectivityButNoServiceName_failsNamingTheServiceName() {
    String json =
        VPC_REQUEST.replace("\"XksProxyVpcEndpointServiceName\":\"" + SERVICE_NAME + "\",", "");

    assertThat(failure(() -> KmsJson.fromCreateRequest(json)))
        .isEqualTo(
            "XksProxyVpcEndpointServiceName is required when XksProxyConnectivity is"
                + " VPC_ENDPOINT_SERVICE, was missing");
  }

  @Test
  void fromCreateRequest_withCloudHsmMemberInExternalStore_failsSayingItMustBeAbsent() {
    String json =
        VPC_REQUEST
            .replace("{", "{\"KeyStorePassword\":\"kmsPswd\",")
            .replaceFirst("\\{\"KeyStorePassword\":\"kmsPswd\",\"AccessKeyId", "{\"AccessKeyId");

    assertThat(failure(() -> KmsJson.fromCreateRequest(json)))
        .isEqualTo(
            "KeyStorePassword must be absent for an EXTERNAL_KEY_STORE key store, was present");
  }

  @Test
  void fromCreateRequest_withDocumentationAccessKeyIdAndOtherFaults_listsAllAtOnce() {
    String json =
        VPC_REQUEST
            .replace(ACCESS_KEY_ID, "ABCDE12345670EXAMPLE")
            .replace("/example-prefix/kms/xks/v1", "/example-prefix/kms/xks")
            .replace(RAW_SECRET, "tooShortSecret");

    assertThat(failure(() -> KmsJson.fromCreateRequest(json)))
        .isEqualTo(
            "3 validation errors: XksProxyUriPath must end with /kms/xks/v1, was"
                + " \"/example-prefix/kms/xks\"; XksProxyAuthenticationCredential.AccessKeyId"
                + " must contain only A-Z and 2-7, was \"ABCDE12345670EXAMPLE\": '1' and '0'"
                + " are outside [A-Z2-7]; this is the example access key id of the KMS"
                + " documentation, which KMS rejects;"
                + " XksProxyAuthenticationCredential.RawSecretAccessKey must be 43 to 64"
                + " characters long, was a secret of 14 characters")
        .doesNotContain("tooShortSecret");
  }

  @Test
  void fromCreateRequest_withUnknownMembers_ignoresThem() {
    String json = VPC_REQUEST.replaceFirst("\\{", "{\"Tags\":[{\"TagKey\":\"team\"}],");

    assertThat(KmsJson.fromCreateRequest(json).name()).isEqualTo("ExampleVPCEndpointKeyStore");
  }

  @Test
  void updateRequest_ofCloudHsmUpdate_roundTripsWithThePassword() {
    CloudHsmKeyStoreUpdate update =
        CloudHsmKeyStoreUpdate.builder()
            .customKeyStoreId("cks-1234567890abcdef0")
            .keyStorePassword(Secret.of("newPassword"))
            .build();

    ObjectNode body = KmsJson.toUpdateRequest(update);

    assertThat(body.toString())
        .isEqualTo(
            "{\"CustomKeyStoreId\":\"cks-1234567890abcdef0\","
                + "\"KeyStorePassword\":\"newPassword\"}");
    assertThat(KmsJson.fromUpdateRequest(body.toString(), CustomKeyStoreType.AWS_CLOUDHSM))
        .isEqualTo(update);
  }

  @Test
  void updateRequest_ofSwitchToVpc_roundTrips() {
    ExternalKeyStoreUpdate update =
        ExternalKeyStoreUpdate.builder()
            .customKeyStoreId("cks-1234567890abcdef0")
            .proxyUriEndpoint("https://myproxy-private.xks.example.com")
            .connectivity(XksProxyConnectivity.vpcEndpointService(SERVICE_NAME, "111122223333"))
            .proxyCredential(XksProxyCredential.of(ACCESS_KEY_ID, Secret.of(RAW_SECRET)))
            .build();

    CustomKeyStoreUpdate read =
        KmsJson.fromUpdateRequest(
            KmsJson.toUpdateRequest(update).toString(), CustomKeyStoreType.EXTERNAL_KEY_STORE);

    assertThat(read).isEqualTo(update);
  }

  @Test
  void fromUpdateRequest_withExternalMemberForCloudHsmStore_failsSayingItMustBeAbsent() {
    assertThat(
            failure(
                () ->
                    KmsJson.fromUpdateRequest(
                        "{\"CustomKeyStoreId\":\"cks-1\",\"XksProxyUriPath\":\"/kms/xks/v1\"}",
                        CustomKeyStoreType.AWS_CLOUDHSM)))
        .isEqualTo("XksProxyUriPath must be absent for an AWS_CLOUDHSM key store, was present");
  }

  @Test
  void fromUpdateRequest_withoutId_failsNamingCustomKeyStoreId() {
    assertThat(
            failure(
                () ->
                    KmsJson.fromUpdateRequest(
                        "{\"NewCustomKeyStoreName\":\"x\"}",
                        CustomKeyStoreType.EXTERNAL_KEY_STORE)))
        .isEqualTo("CustomKeyStoreId is required, was missing");
  }

  @Test
  void fromUpdateRequest_withConnectivityButNoEndpoint_failsNamingXksProxyUriEndpoint() {
    assertThat(
            failure(
                () ->
                    KmsJson.fromUpdateRequest(
                        "{\"CustomKeyStoreId\":\"cks-1\","
                            + "\"XksProxyConnectivity\":\"PUBLIC_ENDPOINT\"}",
                        CustomKeyStoreType.EXTERNAL_KEY_STORE)))
        .isEqualTo(
            "XksProxyUriEndpoint is required when XksProxyConnectivity changes to"
                + " PUBLIC_ENDPOINT, was missing");
  }

  @Test
  void listEntry_ofExternalStore_roundTripsWithEpochSecondsAndNoSecret() throws Exception {
    CustomKeyStoreDescription store =
        CustomKeyStoreDescription.builder()
            .customKeyStoreId("cks-1234567890abcdef0")
            .customKeyStoreName("ExampleVPCEndpointKeyStore")
            .customKeyStoreTypeAsString("EXTERNAL_KEY_STORE")
            .connectionStateAsString("FAILED")
            .creationDate(Instant.ofEpochMilli(1499288695918L))
            .connectionErrorCodeAsString("XKS_PROXY_TIMED_OUT")
            .xksProxyConfiguration(
                XksProxyConfiguration.builder()
                    .connectivityAsString("VPC_ENDPOINT_SERVICE")
                    .accessKeyId(ACCESS_KEY_ID)
                    .uriEndpoint("https://myproxy-private.xks.example.com")
                    .uriPath("/example-prefix/kms/xks/v1")
                    .vpcEndpointServiceName(SERVICE_NAME)
                    .vpcEndpointServiceOwner("111122223333")
                    .build())
            .build();

    ObjectNode entry = KmsJson.toListEntry(store);

    assertThat(entry.get("CreationDate").isNumber()).isTrue();
    assertThat(entry.get("CreationDate").decimalValue().toPlainString())
        .isEqualTo("1499288695.918");
    List<String> names = new java.util.ArrayList<>();
    entry.fieldNames().forEachRemaining(names::add);
    entry.get("XksProxyConfiguration").fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly(
            "CustomKeyStoreId",
            "CustomKeyStoreName",
            "CustomKeyStoreType",
            "ConnectionState",
            "ConnectionErrorCode",
            "CreationDate",
            "XksProxyConfiguration",
            "Connectivity",
            "AccessKeyId",
            "UriEndpoint",
            "UriPath",
            "VpcEndpointServiceName",
            "VpcEndpointServiceOwner");
    assertThat(KmsJson.fromListEntry(entry.toString())).isEqualTo(store);
  }

  @Test
  void fromListEntry_withKmsDocumentationTimestampAndNoType_readsACloudHsmStore() {
    String json =
        "{\"CustomKeyStoreId\":\"cks-1234567890abcdef0\","
            + "\"CustomKeyStoreName\":\"ExampleKeyStore\","
            + "\"CloudHsmClusterId\":\"cluster-234abcdefABC\",\"TrustAnchorCertificate\":\"pem\","
            + "\"ConnectionState\":\"CONNECTED\",\"CreationDate\":1.499288695918E9}";

    CustomKeyStoreDescription store = KmsJson.fromListEntry(json);

    assertThat(store.customKeyStoreType()).isEqualTo(CustomKeyStoreType.AWS_CLOUDHSM);
    assertThat(store.creationDate()).isEqualTo(Instant.ofEpochMilli(1499288695918L));
    assertThat(store.cloudHsmClusterId()).contains("cluster-234abcdefABC");
  }

  @Test
  void fromListEntry_withMissingMembers_failsNamingEach() {
    assertThat(failure(() -> KmsJson.fromListEntry("{\"CustomKeyStoreId\":\"cks-1\"}")))
        .isEqualTo(
            "3 validation errors: CustomKeyStoreName is required, was missing;"
                + " ConnectionState is required, was missing; CreationDate is required, was"
                + " missing");
  }

  @Test
  void toCreateRequest_ofCloudHsmSpec_writesEveryMember() {
    CloudHsmKeyStoreSpec spec =
        CloudHsmKeyStoreSpec.builder()
            .name("ExampleKeyStore")
            .cloudHsmClusterId("cluster-234abcdefABC")
            .trustAnchorCertificate(dev.cks.TestCertificatesAccess.customerCa())
            .keyStorePassword(Secret.of("kmsPswd"))
            .build();

    JsonNode body = KmsJson.toCreateRequest(spec);

    assertThat(body.get("CustomKeyStoreType").asText()).isEqualTo("AWS_CLOUDHSM");
    assertThat(body.get("KeyStorePassword").asText()).isEqualTo("kmsPswd");
    assertThat(KmsJson.fromCreateRequest(body)).isEqualTo(spec);
  }

  @Test
  void fromCreateRequest_withNullMember_treatsItAsAbsent() {
    String json = VPC_REQUEST.replace("\"" + SERVICE_NAME + "\"", "null");

    assertThatThrownBy(() -> KmsJson.fromCreateRequest(json))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "XksProxyVpcEndpointServiceName is required when XksProxyConnectivity is"
                + " VPC_ENDPOINT_SERVICE, was missing");
  }
}
