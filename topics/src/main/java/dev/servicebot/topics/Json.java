package dev.servicebot.topics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one JSON mapping of the contract: absent fields stay absent, unknown fields are ignored
 * (so a schema may gain optional fields), and anything malformed becomes an
 * {@link InvalidRecordException} that says where and why.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Tolerant readers: an enum value a newer producer added reads as the enum's @JsonEnumDefaultValue.
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {
    }

    /** Parses and validates; never returns null for non-empty input. */
    public static <T> T parse(byte[] bytes, Class<T> type) {
        String typeName = type.getSimpleName();
        if (bytes == null || bytes.length == 0) {
            throw new InvalidRecordException(typeName, List.of("empty value"));
        }
        T value;
        try {
            value = MAPPER.readValue(bytes, type);
        } catch (JsonMappingException e) {
            throw new InvalidRecordException(typeName, List.of(describe(e)), e);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(typeName, List.of("malformed JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr()), e);
        } catch (IOException e) {
            throw new InvalidRecordException(typeName, List.of("unreadable JSON: " + e.getMessage()), e);
        }
        if (value == null) {
            throw new InvalidRecordException(typeName, List.of("JSON null where an object was expected"));
        }
        if (value instanceof Validated validated) {
            validated.requireValid();
        }
        return value;
    }

    public static <T> T parse(String json, Class<T> type) {
        return parse(json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
    }

    /** Validates, then writes; an invalid record never reaches a topic. */
    public static byte[] write(Object value) {
        if (value instanceof Validated validated) {
            validated.requireValid();
        }
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(value.getClass().getSimpleName(), List.of("cannot write JSON: " + e.getOriginalMessage()), e);
        }
    }

    public static String writeString(Object value) {
        return new String(write(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** "field devices[0].id: expected a string" rather than Jackson's internals. */
    private static String describe(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String where = path.isEmpty() ? "" : "field " + path + ": ";
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
        int detail = why.indexOf("\n");
        return where + (detail > 0 ? why.substring(0, detail) : why);
    }
}
