package dev.cks.xks;

import java.util.List;
import java.util.Objects;

/**
 * The answer to GetHealthStatus: the proxy fleet and the state of each member of the key manager
 * fleet behind it.
 */
public final class XksHealthStatus {

  private final int xksProxyFleetSize;
  private final String xksProxyVendor;
  private final String xksProxyModel;
  private final String ekmVendor;
  private final List<EkmFleetMember> ekmFleetDetails;

  XksHealthStatus(
      int xksProxyFleetSize,
      String xksProxyVendor,
      String xksProxyModel,
      String ekmVendor,
      List<EkmFleetMember> ekmFleetDetails) {
    this.xksProxyFleetSize = xksProxyFleetSize;
    this.xksProxyVendor = xksProxyVendor;
    this.xksProxyModel = xksProxyModel;
    this.ekmVendor = ekmVendor;
    this.ekmFleetDetails = List.copyOf(ekmFleetDetails);
  }

  /** How many proxies serve the endpoint; at least 1. */
  public int xksProxyFleetSize() {
    return xksProxyFleetSize;
  }

  /** The proxy's vendor. */
  public String xksProxyVendor() {
    return xksProxyVendor;
  }

  /** The proxy's product and version. */
  public String xksProxyModel() {
    return xksProxyModel;
  }

  /** The key manager's vendor. */
  public String ekmVendor() {
    return ekmVendor;
  }

  /** The members of the key manager fleet, 1 to 10 of them. */
  public List<EkmFleetMember> ekmFleetDetails() {
    return ekmFleetDetails;
  }

  /** Whether at least one key manager member is {@code ACTIVE}. */
  public boolean anyActive() {
    return ekmFleetDetails.stream().anyMatch(m -> "ACTIVE".equals(m.healthStatus()));
  }

  @Override
  public String toString() {
    return "XksHealthStatus[fleetSize="
        + xksProxyFleetSize
        + ", vendor="
        + xksProxyVendor
        + ", model="
        + xksProxyModel
        + ", ekmVendor="
        + ekmVendor
        + ", ekmFleetDetails="
        + ekmFleetDetails
        + "]";
  }

  /** One member of the key manager fleet: its id, model and {@code healthStatus}. */
  public static final class EkmFleetMember {
    private final String id;
    private final String model;
    private final String healthStatus;

    EkmFleetMember(String id, String model, String healthStatus) {
      this.id = Objects.requireNonNull(id);
      this.model = Objects.requireNonNull(model);
      this.healthStatus = Objects.requireNonNull(healthStatus);
    }

    /** The member's id. */
    public String id() {
      return id;
    }

    /** The member's model. */
    public String model() {
      return model;
    }

    /** {@code ACTIVE}, {@code DEGRADED} or {@code UNAVAILABLE}. */
    public String healthStatus() {
      return healthStatus;
    }

    @Override
    public String toString() {
      return id + "(" + model + ", " + healthStatus + ")";
    }
  }
}
