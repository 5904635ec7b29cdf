package dev.cks.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;

/** Reads and validates the JSON body of an XKS request; every problem is a ValidationException. */
final class RequestBody {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode root;
  private final JsonNode metadata;

  private RequestBody(JsonNode root) {
    this.root = root;
    JsonNode md = root.get("requestMetadata");
    this.metadata = md != null && md.isObject() ? md : null;
  }

  /** Parses the body; a body that is not a JSON object fails validation. */
  static RequestBody parse(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw XksFailure.validation("the request body must be a JSON object");
    }
    if (root == null || !root.isObject()) {
      throw XksFailure.validation("the request body must be a JSON object");
    }
    return new RequestBody(root);
  }

  /** The request id if the body has one, for the log; null otherwise. */
  String kmsRequestIdOrNull() {
    JsonNode id = metadata == null ? null : metadata.get("kmsRequestId");
    return id != null && id.isTextual() ? id.textValue() : null;
  }

  /** The kmsOperation if the body has one, for the log; null otherwise. */
  String kmsOperationOrNull() {
    JsonNode op = metadata == null ? null : metadata.get("kmsOperation");
    return op != null && op.isTextual() ? op.textValue() : null;
  }

  /**
   * Checks that {@code requestMetadata} has each named field as a string, and returns the first.
   */
  void requireMetadata(String... fields) {
    if (metadata == null) {
      throw XksFailure.validation("requestMetadata is required and must be an object");
    }
    for (String field : fields) {
      JsonNode value = metadata.get(field);
      if (value == null || !value.isTextual()) {
        throw XksFailure.validation("requestMetadata." + field + " is required");
      }
    }
  }

  /** A metadata string, or the empty string when absent. */
  String metadataText(String field) {
    JsonNode value = metadata == null ? null : metadata.get(field);
    return value != null && value.isTextual() ? value.textValue() : "";
  }

  /** A required string field equal to {@code expected}. */
  void requireValue(String field, String expected) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      throw XksFailure.validation(field + " is required");
    }
    if (!value.isTextual() || !value.textValue().equals(expected)) {
      throw XksFailure.validation(
          field + " must be " + expected + ", was " + truncate(value.toString()));
    }
  }

  /** Whether an optional string field is present; if it is, it must equal {@code expected}. */
  boolean optionalValue(String field, String expected) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isTextual() || !value.textValue().equals(expected)) {
      throw XksFailure.validation(
          field + " must be " + expected + ", was " + truncate(value.toString()));
    }
    return true;
  }

  /** A base64 field decoded; null when absent and not required. */
  byte[] base64(String field, boolean required) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw XksFailure.validation(field + " is required");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw XksFailure.validation(field + " must be a base64 string");
    }
    try {
      return Base64.getDecoder().decode(value.textValue());
    } catch (IllegalArgumentException e) {
      throw XksFailure.validation(field + " must be standard base64 with padding");
    }
  }

  private static String truncate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
