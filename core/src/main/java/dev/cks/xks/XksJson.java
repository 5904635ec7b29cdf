package dev.cks.xks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Optional;

/** Writes XKS request bodies as compact JSON and reads answers. */
final class XksJson {

  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private XksJson() {}

  /** Writes an object with {@code requestMetadata} and the fields the writer adds. */
  static byte[] request(XksRequestMetadata metadata, FieldWriter fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeObjectFieldStart("requestMetadata");
      writeIfPresent(json, "awsPrincipalArn", metadata.awsPrincipalArn());
      writeIfPresent(json, "awsSourceVpc", metadata.awsSourceVpc());
      writeIfPresent(json, "awsSourceVpce", metadata.awsSourceVpce());
      writeIfPresent(json, "kmsKeyArn", metadata.kmsKeyArn());
      writeIfPresent(json, "kmsOperation", metadata.kmsOperation());
      json.writeStringField("kmsRequestId", metadata.kmsRequestId());
      writeIfPresent(json, "kmsViaService", metadata.kmsViaService());
      json.writeEndObject();
      fields.write(json);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static void writeBase64(JsonGenerator json, String name, byte[] value) throws IOException {
    if (value != null) {
      json.writeStringField(name, Base64.getEncoder().encodeToString(value));
    }
  }

  private static void writeIfPresent(JsonGenerator json, String name, Optional<String> value)
      throws IOException {
    if (value.isPresent()) {
      json.writeStringField(name, value.get());
    }
  }

  /** Parses a body; null when it is not a JSON object. */
  static JsonNode parseObject(byte[] body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Writes the fields of a request after its metadata. */
  interface FieldWriter {
    void write(JsonGenerator json) throws IOException;
  }
}
