package dev.cks.cli;

import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * The options that say which KMS a command talks to: AWS KMS through the AWS SDK's default Region
 * and credential chain, or a KMS-compatible endpoint.
 */
final class KmsAccess {

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec mixee;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description =
          "A KMS-compatible endpoint to call instead of AWS KMS, such as the one cks serve prints;"
              + " it needs credentials too (cks serve takes any).")
  String endpointUrl;

  @Option(
      names = "--region",
      paramLabel = "R",
      description = "The Region; by default the AWS SDK's Region chain decides.")
  String region;

  /**
   * A KMS client for these options, for the caller to close.
   *
   * @throws CommandLine.ParameterException if the URL is malformed or no Region can be found
   */
  KmsClient client() {
    KmsClientBuilder builder = KmsClient.builder();
    if (region != null) {
      builder.region(Region.of(region));
    }
    if (endpointUrl != null) {
      builder.endpointOverride(endpoint());
    }
    try {
      return builder.build();
    } catch (SdkClientException e) {
      throw usage("cannot make a KMS client: " + e.getMessage());
    }
  }

  private URI endpoint() {
    String rule = "--endpoint-url must be an absolute http or https URL, was " + endpointUrl;
    try {
      URI url = new URI(endpointUrl);
      if (url.getHost() == null
          || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
        throw usage(rule);
      }
      return url;
    } catch (URISyntaxException e) {
      throw usage(rule);
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(mixee.commandLine(), message);
  }
}
