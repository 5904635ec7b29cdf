package dev.cks.local;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a deep check of a {@link KeySource}: the key manager's vendor and one entry per
 * member of its fleet, as GetHealthStatus reports them.
 *
 * @param ekmVendor the key manager's vendor
 * @param members 1 to 10 members of the key manager fleet
 */
public record KeySourceHealth(String ekmVendor, List<Member> members) {

  /** Validates and copies. */
  public KeySourceHealth {
    Objects.requireNonNull(ekmVendor, "ekmVendor");
    members = List.copyOf(members);
    if (members.isEmpty() || members.size() > 10) {
      throw new IllegalArgumentException(
          "members must have 1 to 10 entries, had " + members.size());
    }
  }

  /** The state of one member, as the API spells it. */
  public enum Status {
    /** Healthy. */
    ACTIVE,
    /** Unhealthy but serving. */
    DEGRADED,
    /** Not serving. */
    UNAVAILABLE
  }

  /**
   * One member of the key manager fleet.
   *
   * @param id the member's id
   * @param model the member's model and version
   * @param status the member's state
   */
  public record Member(String id, String model, Status status) {

    /** Validates. */
    public Member {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(status, "status");
    }
  }
}
