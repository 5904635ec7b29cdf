package dev.cks.client;

import dev.cks.CustomKeyStoreDescription;
import dev.cks.CustomKeyStoreSpec;
import dev.cks.UpdatableProperty;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code ensure} would do to bring a store to its spec: the steps in the order KMS needs them
 * (changes that need a disconnected store happen while it is disconnected) and notes on what it
 * could not compare. Made by {@link CustomKeyStoreClient#plan}; carried out by {@link
 * CustomKeyStoreClient#apply}.
 *
 * <pre>{@code
 * EnsurePlan plan = client.plan(spec);
 * System.out.print(plan.render());
 * if (!plan.isEmpty()) {
 *   client.apply(plan);
 * }
 * }</pre>
 *
 * <p>Instances are immutable. Secrets appear in no step's text and no note; they are compared by
 * fingerprint ({@link SecretFingerprints}).
 */
public final class EnsurePlan {

  private final CustomKeyStoreSpec spec;
  private final EnsureOptions options;
  private final Planner.Secrets secrets;
  private final CustomKeyStoreDescription current;
  private final List<PlanStep> steps;
  private final List<String> notes;

  EnsurePlan(
      CustomKeyStoreSpec spec,
      EnsureOptions options,
      Planner.Secrets secrets,
      CustomKeyStoreDescription current,
      List<PlanStep> steps,
      List<String> notes) {
    this.spec = spec;
    this.options = options;
    this.secrets = secrets;
    this.current = current;
    this.steps = List.copyOf(steps);
    this.notes = List.copyOf(notes);
  }

  /** The name of the store the plan is for. */
  public String name() {
    return spec.name();
  }

  /** The id of the store, or empty when the plan creates it. */
  public Optional<String> customKeyStoreId() {
    return current().map(CustomKeyStoreDescription::customKeyStoreId);
  }

  /** The store as it was described when the plan was made, or empty when there was none. */
  public Optional<CustomKeyStoreDescription> current() {
    return Optional.ofNullable(current);
  }

  /** The steps, in order. */
  public List<PlanStep> steps() {
    return steps;
  }

  /** Whether the store already matches its spec and its connection goal. */
  public boolean isEmpty() {
    return steps.isEmpty();
  }

  /** Whether the plan creates the store. */
  public boolean creates() {
    return current == null;
  }

  /** Every property the plan's update changes. */
  public Set<UpdatableProperty> changes() {
    Set<UpdatableProperty> changes = EnumSet.noneOf(UpdatableProperty.class);
    steps.forEach(step -> changes.addAll(step.changes()));
    return changes;
  }

  /** What the plan could not compare or chose to leave, as sentences. */
  public List<String> notes() {
    return notes;
  }

  /** The plan as text for a person: a title, one numbered line per step, then the notes. */
  public String render() {
    StringBuilder text = new StringBuilder("Plan for custom key store \"").append(name());
    text.append('"');
    customKeyStoreId().ifPresent(id -> text.append(" (").append(id).append(')'));
    text.append('\n');
    if (steps.isEmpty()) {
      text.append("  nothing to change\n");
    }
    for (int i = 0; i < steps.size(); i++) {
      text.append("  ").append(i + 1).append(". ").append(steps.get(i).description()).append('\n');
    }
    notes.forEach(note -> text.append("  note: ").append(note).append('\n'));
    return text.toString();
  }

  @Override
  public String toString() {
    return render();
  }

  CustomKeyStoreSpec spec() {
    return spec;
  }

  EnsureOptions options() {
    return options;
  }

  Planner.Secrets secrets() {
    return secrets;
  }
}
