package dev.cks.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckReportTest {

  @Test
  void render_withMixedOutcomes_listsEveryCheckInOrderAndSummarises() {
    CheckReport report =
        CheckReport.of(
            "pre-flight for cluster-abc",
            List.of(
                Check.passed("cluster found", "a token labelled cluster-abc answers."),
                Check.failed("trust anchor", "the certificate does not chain."),
                Check.skipped("login", "not tried, because the password is too short.")));

    assertThat(report.render())
        .isEqualTo(
            "pre-flight for cluster-abc\n"
                + "  PASSED   cluster found: a token labelled cluster-abc answers.\n"
                + "  FAILED   trust anchor: the certificate does not chain.\n"
                + "  SKIPPED  login: not tried, because the password is too short.\n"
                + "FAILED: 1 of 3 checks failed, 1 skipped.\n");
    assertThat(report.passed()).isFalse();
    assertThat(report.failures()).extracting(Check::name).containsExactly("trust anchor");
  }

  @Test
  void passed_withOnlyPassedAndSkippedChecks_isTrue() {
    CheckReport report =
        CheckReport.of(
            "t", List.of(Check.passed("a", "fine."), Check.skipped("b", "not applicable.")));

    assertThat(report.passed()).isTrue();
    assertThat(report.render()).endsWith("PASSED: 0 of 2 checks failed, 1 skipped.\n");
  }

  @Test
  void render_withOneCheck_usesSingular() {
    CheckReport report = CheckReport.of("t", List.of(Check.passed("a", "fine.")));

    assertThat(report.render()).isEqualTo("t\n  PASSED   a: fine.\nPASSED: 0 of 1 check failed.\n");
  }

  @Test
  void of_copiesTheList_soLaterChangesDoNotShow() {
    List<Check> checks = new ArrayList<>(List.of(Check.passed("a", "fine.")));
    CheckReport report = CheckReport.of("t", checks);

    checks.add(Check.failed("b", "broken."));

    assertThat(report.checks()).hasSize(1);
    assertThat(report.passed()).isTrue();
  }

  @Test
  void check_withBlankDetail_isRejected() {
    assertThatThrownBy(() -> Check.passed("a", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("check detail must not be blank");
  }

  @Test
  void equals_comparesTitleAndChecks() {
    CheckReport one = CheckReport.of("t", List.of(Check.failed("a", "broken.")));
    CheckReport same = CheckReport.of("t", List.of(Check.of("a", CheckStatus.FAILED, "broken.")));
    CheckReport other = CheckReport.of("t", List.of(Check.passed("a", "broken.")));

    assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(other);
    assertThat(one.checks().get(0)).hasToString("FAILED a: broken.");
  }

  @Test
  void toJson_withMixedOutcomes_holdsTitlePassedAndEveryCheck() {
    CheckReport report =
        CheckReport.of(
            "pre-flight for \"a\"",
            List.of(
                Check.passed("cluster found", "a token answers."),
                Check.failed("trust anchor", "the certificate\ndoes not chain."),
                Check.skipped("login", "not tried.")));

    assertThat(report.toJson())
        .isEqualTo(
            "{\"title\":\"pre-flight for \\\"a\\\"\",\"passed\":false,\"checks\":["
                + "{\"name\":\"cluster found\",\"status\":\"PASSED\","
                + "\"detail\":\"a token answers.\"},"
                + "{\"name\":\"trust anchor\",\"status\":\"FAILED\","
                + "\"detail\":\"the certificate\\ndoes not chain.\"},"
                + "{\"name\":\"login\",\"status\":\"SKIPPED\",\"detail\":\"not tried.\"}]}");
  }

  @Test
  void toJson_parsedBack_givesTheSameChecks() throws Exception {
    CheckReport report =
        CheckReport.of(
            "t", List.of(Check.passed("a", "fine."), Check.skipped("b", "not applicable.")));

    JsonNode json = new ObjectMapper().readTree(report.toJson());

    assertThat(json.get("title").asText()).isEqualTo("t");
    assertThat(json.get("passed").asBoolean()).isTrue();
    List<Check> parsed = new ArrayList<>();
    for (JsonNode check : json.get("checks")) {
      parsed.add(
          Check.of(
              check.get("name").asText(),
              CheckStatus.valueOf(check.get("status").asText()),
              check.get("detail").asText()));
    }
    assertThat(parsed).isEqualTo(report.checks());
  }
}
