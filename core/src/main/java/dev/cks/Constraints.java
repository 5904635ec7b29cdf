package dev.cks;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules KMS sets for each member of the custom key store API, one method per shape.
 *
 * <p>Each method checks one value and returns every violation it finds, or an empty list. The
 * caller names the member, because one shape serves several members ({@code CustomKeyStoreName} and
 * {@code NewCustomKeyStoreName}). Lengths count characters (Unicode code points). Patterns follow
 * the KMS model exactly: a pattern the model anchors with {@code ^...$} must match the whole value,
 * an unanchored one only somewhere in it.
 *
 * <p>The value types of this package use these methods in their {@code build()}; call them directly
 * to check a member that has no value type, such as a {@code CustomKeyStoreId}, a {@code Limit} or
 * a {@code Marker}.
 */
public final class Constraints {

  private static final Pattern CLUSTER_ID = Pattern.compile("cluster-[2-7a-zA-Z]{11,16}");
  private static final Pattern URI_ENDPOINT = Pattern.compile("^https://[a-zA-Z0-9.-]+$");
  private static final Pattern URI_PATH =
      Pattern.compile("^(/[a-zA-Z0-9\\/_-]+/kms/xks/v\\d{1,2})$|^(/kms/xks/v\\d{1,2})$");
  private static final Pattern URI_PATH_SUFFIX = Pattern.compile("/kms/xks/v\\d{1,2}$");
  private static final Pattern SERVICE_NAME =
      Pattern.compile("^(com|eu)\\.amazonaws\\.vpce\\.([a-z]+-){2,3}\\d+\\.vpce-svc-[0-9a-z]+$");
  private static final Pattern SERVICE_NAME_SUFFIX = Pattern.compile("\\.vpce-svc-[0-9a-z]+$");
  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
  private static final Pattern ACCESS_KEY_ID = Pattern.compile("^[A-Z2-7]+$");
  private static final Pattern RAW_SECRET = Pattern.compile("^[a-zA-Z0-9\\/+=]+$");
  private static final Pattern MARKER = Pattern.compile("[\\u0020-\\u00FF]*");
  private static final Pattern XKS_KEY_ID = Pattern.compile("^[a-zA-Z0-9-_.]+$");
  private static final Pattern IPV4 = Pattern.compile("[0-9]+(\\.[0-9]+){3}");
  private static final Pattern DNS_LABEL =
      Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");

  /** The access key id that the KMS documentation's external key store examples use. */
  static final String DOCUMENTATION_ACCESS_KEY_ID = "ABCDE12345670EXAMPLE";

  private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";

  private Constraints() {}

  /** {@code CustomKeyStoreIdType}: 1 to 64 characters. */
  public static List<Violation> customKeyStoreId(String member, String value) {
    return length(member, value, 1, 64);
  }

  /** {@code CustomKeyStoreNameType}: 1 to 256 characters. */
  public static List<Violation> customKeyStoreName(String member, String value) {
    return length(member, value, 1, 256);
  }

  /**
   * {@code CloudHsmClusterIdType}: 19 to 24 characters, containing {@code cluster-} and 11 to 16
   * characters of {@code [2-7a-zA-Z]} (the model does not anchor this pattern).
   */
  public static List<Violation> cloudHsmClusterId(String member, String value) {
    List<Violation> found = length(member, value, 19, 24);
    if (!CLUSTER_ID.matcher(value).find()) {
      found.add(
          Violation.of(member, "must contain cluster- followed by 11 to 16 of [2-7a-zA-Z]", value));
    }
    return found;
  }

  /**
   * {@code TrustAnchorCertificateType}: 1 to 5000 characters; and, as the KMS documentation
   * requires, one PEM-encoded X.509 certificate that is self-signed and a certificate authority:
   * the {@code customerCA.crt} made when the cluster was initialized. The certificate is read with
   * the JDK's {@link CertificateFactory}.
   *
   * <p>Limitation: the certificate's validity period is not checked, and neither is whether it is
   * the CA of the cluster named in the same request; KMS checks that at create time.
   */
  public static List<Violation> trustAnchorCertificate(String member, String value) {
    List<Violation> found = length(member, value, 1, 5000);
    if (!value.isEmpty()) {
      found.addAll(certificate(member, value));
    }
    return found;
  }

  /**
   * {@code KeyStorePasswordType}: 7 to 32 characters. Violations show only the secret's length.
   *
   * <p>Limitation: the KMS documentation also says the {@code kmsuser} password is alphanumeric,
   * but the model does not; like KMS, this check accepts other characters.
   */
  public static List<Violation> keyStorePassword(String member, Secret value) {
    List<Violation> found = new ArrayList<>();
    int length = Violation.secretLength(value);
    if (length < 7 || length > 32) {
      found.add(Violation.ofSecret(member, "must be 7 to 32 characters long", value));
    }
    return found;
  }

  /**
   * {@code XksProxyUriEndpointType}: 10 to 128 characters matching {@code
   * ^https://[a-zA-Z0-9.-]+$}; and, as the KMS documentation says, {@code https://} followed by a
   * DNS name, with no port (KMS always uses 443), no path, no trailing slash and no IP address.
   */
  public static List<Violation> xksProxyUriEndpoint(String member, String value) {
    List<Violation> found = length(member, value, 10, 128);
    List<Violation> content = new ArrayList<>();
    if (!value.startsWith("https://")) {
      content.add(Violation.of(member, "must start with https://", value));
    } else {
      endpointAfterScheme(member, value, content);
    }
    if (content.isEmpty() && !URI_ENDPOINT.matcher(value).matches()) {
      content.add(Violation.of(member, "must match " + URI_ENDPOINT.pattern(), value));
    }
    found.addAll(content);
    return found;
  }

  /**
   * {@code XksProxyUriPathType}: 10 to 128 characters matching {@code
   * ^(/[a-zA-Z0-9\/_-]+/kms/xks/v\d{1,2})$|^(/kms/xks/v\d{1,2})$}: it starts with {@code /} and
   * ends with {@code /kms/xks/v1} (the model accepts any one- or two-digit version).
   */
  public static List<Violation> xksProxyUriPath(String member, String value) {
    List<Violation> found = length(member, value, 10, 128);
    List<Violation> content = new ArrayList<>();
    if (!value.startsWith("/")) {
      content.add(Violation.of(member, "must start with /", value));
    }
    Matcher suffix = URI_PATH_SUFFIX.matcher(value);
    if (!suffix.find()) {
      content.add(Violation.of(member, "must end with /kms/xks/v1", value));
    } else {
      List<String> bad =
          Text.offending(
              value.substring(0, suffix.start()), c -> isAsciiAlnum(c) || "/_-".indexOf(c) >= 0);
      if (!bad.isEmpty()) {
        content.add(
            Violation.of(
                    member,
                    "may contain only letters, digits, '/', '_' and '-' before /kms/xks/v1",
                    value)
                .withDetail(Text.and(bad) + (bad.size() == 1 ? " is" : " are") + " not allowed"));
      }
    }
    if (content.isEmpty() && !URI_PATH.matcher(value).matches()) {
      content.add(Violation.of(member, "must match " + URI_PATH.pattern(), value));
    }
    found.addAll(content);
    return found;
  }

  /**
   * {@code XksProxyVpcEndpointServiceNameType}: 20 to 64 characters matching {@code
   * ^(com|eu)\.amazonaws\.vpce\.([a-z]+-){2,3}\d+\.vpce-svc-[0-9a-z]+$}.
   */
  public static List<Violation> xksProxyVpcEndpointServiceName(String member, String value) {
    List<Violation> found = length(member, value, 20, 64);
    List<Violation> content = new ArrayList<>();
    if (!value.startsWith("com.amazonaws.vpce.") && !value.startsWith("eu.amazonaws.vpce.")) {
      content.add(
          Violation.of(member, "must start with com.amazonaws.vpce. or eu.amazonaws.vpce.", value));
    }
    if (!SERVICE_NAME_SUFFIX.matcher(value).find()) {
      content.add(
          Violation.of(
              member, "must end with .vpce-svc- followed by lowercase letters and digits", value));
    }
    if (content.isEmpty() && !SERVICE_NAME.matcher(value).matches()) {
      content.add(
          Violation.of(
              member,
              "must match "
                  + SERVICE_NAME.pattern()
                  + ", a Region such as us-east-1 between com.amazonaws.vpce. and .vpce-svc-",
              value));
    }
    found.addAll(content);
    return found;
  }

  /**
   * {@code AccountIdType}: 12 characters of {@code [0-9]}, for {@code
   * XksProxyVpcEndpointServiceOwner}. Length and pattern together mean exactly 12 digits, checked
   * as one rule.
   */
  public static List<Violation> accountId(String member, String value) {
    List<Violation> found = new ArrayList<>();
    if (Text.length(value) != 12 || !ACCOUNT_ID.matcher(value).find()) {
      found.add(Violation.of(member, "must be 12 digits", value));
    }
    return found;
  }

  /**
   * {@code XksProxyAuthenticationAccessKeyIdType}: 20 to 30 characters matching {@code
   * ^[A-Z2-7]+$}. A violation names the characters outside that set, and says so when the value is
   * the example of the KMS documentation, which KMS rejects.
   */
  public static List<Violation> accessKeyId(String member, String value) {
    List<Violation> found = length(member, value, 20, 30);
    if (!value.isEmpty() && !ACCESS_KEY_ID.matcher(value).matches()) {
      List<String> bad =
          Text.offending(value, c -> (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'));
      String detail = Text.and(bad) + (bad.size() == 1 ? " is" : " are") + " outside [A-Z2-7]";
      if (value.equals(DOCUMENTATION_ACCESS_KEY_ID)) {
        detail += "; this is the example access key id of the KMS documentation, which KMS rejects";
      }
      found.add(Violation.of(member, "must contain only A-Z and 2-7", value).withDetail(detail));
    }
    return found;
  }

  /**
   * {@code XksProxyAuthenticationRawSecretAccessKeyType}: 43 to 64 characters matching {@code
   * ^[a-zA-Z0-9\/+=]+$}. Violations show only the secret's length.
   */
  public static List<Violation> rawSecretAccessKey(String member, Secret value) {
    List<Violation> found = new ArrayList<>();
    int length = Violation.secretLength(value);
    if (length < 43 || length > 64) {
      found.add(Violation.ofSecret(member, "must be 43 to 64 characters long", value));
    }
    if (length > 0 && !RAW_SECRET.matcher(value.reveal()).matches()) {
      found.add(
          Violation.ofSecret(member, "must contain only letters, digits, '/', '+' and '='", value));
    }
    return found;
  }

  /** {@code LimitType}: an integer from 1 to 1000. */
  public static List<Violation> limit(String member, int value) {
    List<Violation> found = new ArrayList<>();
    if (value < 1 || value > 1000) {
      found.add(Violation.described(member, "must be from 1 to 1000", String.valueOf(value)));
    }
    return found;
  }

  /**
   * {@code MarkerType}: 1 to 1024 characters. The model's pattern, any number of characters from
   * U+0020 to U+00FF, is not anchored and matches the empty string, so, as in KMS, it accepts any
   * value.
   */
  public static List<Violation> marker(String member, String value) {
    List<Violation> found = length(member, value, 1, 1024);
    if (!MARKER.matcher(value).find()) {
      found.add(Violation.of(member, "must match " + MARKER.pattern(), value));
    }
    return found;
  }

  /**
   * The filter of {@code DescribeCustomKeyStores}: a {@code CustomKeyStoreId} or a {@code
   * CustomKeyStoreName}, not both, each checked against its shape. A {@code null} argument means
   * the member is absent.
   */
  public static List<Violation> describeFilter(String customKeyStoreId, String customKeyStoreName) {
    List<Violation> found = new ArrayList<>();
    if (customKeyStoreId != null) {
      found.addAll(customKeyStoreId("CustomKeyStoreId", customKeyStoreId));
    }
    if (customKeyStoreName != null) {
      found.addAll(customKeyStoreName("CustomKeyStoreName", customKeyStoreName));
    }
    if (customKeyStoreId != null && customKeyStoreName != null) {
      found.add(
          Violation.of(
              "CustomKeyStoreName",
              "must be absent when CustomKeyStoreId is given; filter by one or the other",
              customKeyStoreName));
    }
    return found;
  }

  /** {@code XksKeyIdType}: 1 to 128 characters matching {@code ^[a-zA-Z0-9-_.]+$}. */
  public static List<Violation> xksKeyId(String member, String value) {
    List<Violation> found = length(member, value, 1, 128);
    if (!value.isEmpty() && !XKS_KEY_ID.matcher(value).matches()) {
      List<String> bad = Text.offending(value, c -> isAsciiAlnum(c) || "-_.".indexOf(c) >= 0);
      found.add(
          Violation.of(member, "may contain only letters, digits, '-', '_' and '.'", value)
              .withDetail(Text.and(bad) + (bad.size() == 1 ? " is" : " are") + " not allowed"));
    }
    return found;
  }

  private static List<Violation> length(String member, String value, int min, int max) {
    List<Violation> found = new ArrayList<>();
    int length = Text.length(value);
    if (length < min || length > max) {
      String rule =
          min == max
              ? "must be " + min + " characters long"
              : "must be " + min + " to " + max + " characters long";
      String shown = Text.quote(value);
      if (length <= Text.SHOWN) {
        shown += " (" + length + (length == 1 ? " character)" : " characters)");
      }
      found.add(Violation.described(member, rule, shown));
    }
    return found;
  }

  private static void endpointAfterScheme(String member, String value, List<Violation> content) {
    String rest = value.substring("https://".length());
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    if (slash >= 0) {
      content.add(Violation.of(member, "must not have a path or a trailing slash", value));
    }
    if (authority.startsWith("[") || IPV4.matcher(hostOf(authority)).matches()) {
      content.add(Violation.of(member, "must name a host by DNS name, not by IP address", value));
      return;
    }
    if (authority.indexOf(':') >= 0) {
      content.add(
          Violation.of(member, "must not have a port; KMS always connects to port 443", value));
    }
    String host = hostOf(authority);
    List<String> bad = Text.offending(host, c -> isAsciiAlnum(c) || c == '.' || c == '-');
    if (!bad.isEmpty()) {
      content.add(
          Violation.of(
                  member, "may contain only letters, digits, '.' and '-' after https://", value)
              .withDetail(Text.and(bad) + (bad.size() == 1 ? " is" : " are") + " not allowed"));
    } else if (!host.isEmpty() && !isDnsName(host)) {
      content.add(
          Violation.of(
              member,
              "must be https:// followed by a DNS name: labels of 1 to 63 letters, digits or"
                  + " hyphens, not starting or ending with a hyphen, joined by single dots",
              value));
    }
  }

  private static String hostOf(String authority) {
    int colon = authority.indexOf(':');
    return colon < 0 ? authority : authority.substring(0, colon);
  }

  private static boolean isDnsName(String host) {
    for (String label : host.split("\\.", -1)) {
      if (!DNS_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiAlnum(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static List<Violation> certificate(String member, String value) {
    List<Violation> found = new ArrayList<>();
    Collection<? extends java.security.cert.Certificate> certificates;
    try {
      certificates =
          value.strip().startsWith(PEM_BEGIN)
              ? CertificateFactory.getInstance("X.509")
                  .generateCertificates(
                      new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8)))
              : List.of();
    } catch (CertificateException | RuntimeException e) {
      certificates = List.of();
    }
    if (certificates.isEmpty()) {
      found.add(Violation.of(member, "must be a PEM-encoded X.509 certificate", value));
      return found;
    }
    if (certificates.size() > 1) {
      found.add(
          Violation.described(
              member,
              "must be a single certificate",
              "a chain of " + certificates.size() + " certificates"));
      return found;
    }
    X509Certificate certificate = (X509Certificate) certificates.iterator().next();
    String subject = certificate.getSubjectX500Principal().getName();
    if (!isSelfSigned(certificate)) {
      found.add(
          Violation.described(
                  member,
                  "must be a self-signed certificate (the cluster's customerCA.crt)",
                  "a certificate for \""
                      + subject
                      + "\" issued by \""
                      + certificate.getIssuerX500Principal().getName()
                      + "\"")
              .withDetail("a leaf or intermediate certificate, such as a cluster certificate"));
    }
    if (certificate.getBasicConstraints() < 0) {
      found.add(
          Violation.described(
              member,
              "must be a certificate authority (basic constraints CA:TRUE)",
              "a certificate for \"" + subject + "\" that is not a CA"));
    }
    return found;
  }

  private static boolean isSelfSigned(X509Certificate certificate) {
    if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
      return false;
    }
    try {
      certificate.verify(certificate.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
