package dev.cks.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.cks.Secret;
import dev.cks.ValidationException;
import dev.cks.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the members of one JSON object and records every problem as a {@link Violation} instead of
 * failing on the first. A member holding JSON {@code null} counts as absent, as in KMS's protocol.
 */
final class JsonReader {

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private final JsonNode node;
  private final String prefix;
  private final List<Violation> found;

  private JsonReader(JsonNode node, String prefix, List<Violation> found) {
    this.node = node;
    this.prefix = prefix;
    this.found = found;
  }

  /**
   * Parses text that must hold one JSON object, the shape named. Jackson's own message is not used,
   * because it can quote the input, and the input can hold secrets.
   *
   * @throws ValidationException if the text is not well-formed JSON or not an object
   */
  static JsonNode parseObject(String shape, String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null
              ? "malformed"
              : "malformed at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ValidationException(
          List.of(Violation.described(shape, "must be well-formed JSON", where)));
    }
    requireObject(shape, root);
    return root;
  }

  /**
   * Checks that a parsed node is an object.
   *
   * @throws ValidationException if it is not
   */
  static void requireObject(String shape, JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new ValidationException(
          List.of(Violation.described(shape, "must be a JSON object", kindOf(root))));
    }
  }

  /** A reader of the top-level members of {@code node}. */
  static JsonReader of(JsonNode node, List<Violation> found) {
    return new JsonReader(node, "", found);
  }

  /** A reader of the members of the object in {@code member}, named with that prefix. */
  JsonReader nested(String member, JsonNode object) {
    return new JsonReader(object, prefix + member + ".", found);
  }

  /** The wire name of a member of this object, with its path. */
  String name(String member) {
    return prefix + member;
  }

  boolean has(String member) {
    JsonNode value = node.get(member);
    return value != null && !value.isNull();
  }

  /** The string in that member; a violation if it holds another JSON type. */
  Optional<String> string(String member) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      found.add(Violation.described(name(member), "must be a JSON string", kindOf(value)));
      return Optional.empty();
    }
    return Optional.of(value.textValue());
  }

  /** The string in that member, read as a secret. */
  Optional<Secret> secret(String member) {
    return string(member).map(Secret::of);
  }

  /** The object in that member; a violation if it holds another JSON type. */
  Optional<JsonNode> object(String member) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isObject()) {
      found.add(Violation.described(name(member), "must be a JSON object", kindOf(value)));
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /** The number in that member; a violation if it holds another JSON type. */
  Optional<JsonNode> number(String member) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isNumber()) {
      found.add(Violation.described(name(member), "must be a JSON number", kindOf(value)));
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /** Records that a required member is absent, with the reason it is required, if any. */
  void missing(String member, String when) {
    found.add(Violation.described(name(member), "is required" + when, "missing"));
  }

  /** Records that a member is present where it must not be. */
  void misplaced(String member, String rule) {
    found.add(Violation.described(name(member), rule, "present"));
  }

  /** Adds violations found by a check. */
  void addAll(List<Violation> violations) {
    found.addAll(violations);
  }

  /** Adds one violation. */
  void add(Violation violation) {
    found.add(violation);
  }

  static List<Violation> newList() {
    return new ArrayList<>();
  }

  private static String kindOf(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "empty";
    }
    String kind = value.getNodeType().name().toLowerCase(Locale.ROOT);
    return (kind.startsWith("a") || kind.startsWith("o") ? "an " : "a ") + kind;
  }
}
