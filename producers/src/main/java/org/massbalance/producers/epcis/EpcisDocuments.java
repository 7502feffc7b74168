package org.massbalance.producers.epcis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Reads an EPCIS 2.0 JSON(-LD) document and validates it against the official EPCIS 2.0 JSON schema
 * of GS1 (kept as a resource beside this class with GS1's licence text), with the networknt
 * JSON-schema validator; numbers are read as exact decimals. A document larger than the bound, not
 * JSON, or not valid is refused whole.
 */
public final class EpcisDocuments {

  /** The schema's resource name. */
  public static final String SCHEMA = "EPCIS-JSON-Schema.json";

  /** Validation messages listed in a refusal. */
  static final int MAX_MESSAGES = 10;

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final JsonSchema SCHEMA_VALIDATOR = load();

  private EpcisDocuments() {}

  private static JsonSchema load() {
    try (InputStream in = EpcisDocuments.class.getResourceAsStream(SCHEMA)) {
      if (in == null) {
        throw new IllegalStateException("the EPCIS schema " + SCHEMA + " is missing from the jar");
      }
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads and validates a document.
   *
   * @param maxBytes the largest file read
   * @return the document
   * @throws EpcisFileException when it is too large, not JSON or not a valid EPCIS 2.0 document
   */
  public static JsonNode read(Path file, long maxBytes) {
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        throw new EpcisFileException(
            "EPCIS document refused: " + size + " bytes, more than " + maxBytes);
      }
      JsonNode document;
      try (InputStream in = Files.newInputStream(file)) {
        document = JSON.readTree(in);
      }
      validate(document);
      return document;
    } catch (JsonProcessingException e) {
      throw new EpcisFileException(
          "EPCIS document refused: not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new EpcisFileException(
          "EPCIS document " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Validates a document against the schema; it must be an EPCISDocument.
   *
   * @throws EpcisFileException listing the first violations
   */
  public static void validate(JsonNode document) {
    if (document == null || !document.isObject()) {
      throw new EpcisFileException("EPCIS document refused: not a JSON object");
    }
    Set<ValidationMessage> errors = SCHEMA_VALIDATOR.validate(document);
    if (!errors.isEmpty()) {
      List<String> messages =
          errors.stream()
              .map(ValidationMessage::getMessage)
              .sorted(Comparator.naturalOrder())
              .limit(MAX_MESSAGES)
              .toList();
      throw new EpcisFileException(
          "EPCIS document refused: it does not validate against the EPCIS 2.0 JSON schema ("
              + errors.size()
              + " violation"
              + (errors.size() == 1 ? "" : "s")
              + "): "
              + String.join("; ", messages));
    }
    if (!"EPCISDocument".equals(document.path("type").asText())) {
      throw new EpcisFileException(
          "EPCIS document refused: type is '"
              + document.path("type").asText()
              + "', expected EPCISDocument");
    }
  }
}
