package io.yoctopus.runtime.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.lang.reflect.Array;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The application's one JSON-P provider and one JSON-B instance. Every {@code Json.*} static call and
 * every {@code JsonbBuilder.create()} looks providers up again through a class-path scan, so the hot
 * path only ever goes through this object. Thread-safe; produced once per application by
 * {@link JsonProducer}.
 */
public final class JsonCodec implements AutoCloseable {

    /** The nesting depth allowed by default, as {@code yoctopus.max-json-depth}. */
    public static final int DEFAULT_MAX_DEPTH = 64;

    /** The most characters a number may have (Parsson's own limit, 1,100, throws an unchecked exception). */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private static final String CONTENT_AFTER_THE_VALUE = "unexpected content after the JSON value";

    private final JsonProvider provider = JsonProvider.provider();
    private final Jsonb jsonb = JsonbBuilder.create();
    /** Readers that refuse a key named twice in one object (JSON-P 2.1). */
    private final JsonReaderFactory readers;
    private final JsonParserFactory parsers;
    private final StructureWriter structures;
    private final int maxDepth;

    /** A codec that parses JSON nested at most {@link #DEFAULT_MAX_DEPTH} levels deep. */
    public JsonCodec() {
        this(DEFAULT_MAX_DEPTH);
    }

    /**
     * @param maxDepth how deeply parsed JSON may nest; deeper input is rejected before it can exhaust the stack
     */
    public JsonCodec(int maxDepth) {
        this.maxDepth = maxDepth;
        this.readers = provider.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));
        this.parsers = provider.createParserFactory(Map.of());
        this.structures = new StructureWriter(provider.createGeneratorFactory(Map.of()), this);
    }

    /**
     * Parses one JSON text of any kind: exactly one value, with nothing but whitespace after it, and no key
     * twice in one object. A reader stops after the value and (by default) lets the last of two equal keys
     * win, so a frame could carry what the server never looks at, or a second {@code meta} that some other
     * JSON reader, in front of the server or behind it, would take for the first.
     *
     * @throws JsonException when it is malformed or nested deeper than allowed
     */
    public JsonValue parse(String text) {
        Prescan scan = Prescan.of(text, maxDepth);
        if (scan.problem() != null) {
            throw new JsonException(scan.problem());
        }
        try {
            return scan.structureEnd() < 0 ? readValue(text) : readStructure(text, scan.structureEnd());
        } catch (NumberFormatException outOfRange) {
            // JSON-P readers make a BigDecimal of every number: 1e2147483648 has no such value
            throw new JsonException("a number is out of range", outOfRange);
        } catch (UnsupportedOperationException pastALimit) {
            // Parsson's own limits (the length of a number, say) where one is lower than ours
            throw new JsonException(pastALimit.getMessage(), pastALimit);
        }
    }

    /** An object or array, closed at {@code end}: read by a reader that refuses duplicate keys. */
    private JsonValue readStructure(String text, int end) {
        JsonValue value;
        try (JsonReader reader = readers.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonException malformed) {
            Optional<String> duplicate = DuplicateKeys.first(parsers, text);
            if (duplicate.isPresent()) {
                throw new JsonException("duplicate key '" + ErrorText.echo(duplicate.get()) + "'", malformed);
            }
            throw malformed;
        }
        for (int i = end, n = text.length(); i < n; i++) {
            if (!Prescan.isWhitespace(text.charAt(i))) {
                throw new JsonException(CONTENT_AFTER_THE_VALUE);
            }
        }
        return value;
    }

    /**
     * Any other text (a string, number or literal, an unclosed structure, nothing): read by a parser, which
     * tells whether anything follows the value. It has no keys, or is malformed anyway.
     */
    private JsonValue readValue(String text) {
        try (JsonParser parser = parsers.createParser(new StringReader(text))) {
            parser.next();
            JsonValue value = parser.getValue();
            if (contentFollows(parser)) {
                throw new JsonException(CONTENT_AFTER_THE_VALUE);
            }
            return value;
        }
    }

    /** A parser may report what follows the value as a further event or as an error: either is content. */
    private static boolean contentFollows(JsonParser parser) {
        try {
            return parser.hasNext();
        } catch (JsonException invalid) {
            return true;
        }
    }

    public JsonObjectBuilder objectBuilder() {
        return provider.createObjectBuilder();
    }

    public JsonArrayBuilder arrayBuilder() {
        return provider.createArrayBuilder();
    }

    public JsonString string(String value) {
        return provider.createValue(value);
    }

    /** Any Java value as JSON: JSON-P values as they are, plain values directly, anything else through JSON-B. */
    public JsonValue toJsonValue(Object value) {
        JsonValue simple = simpleValue(value);
        if (simple != null) {
            return simple;
        }
        if (value instanceof Optional<?> optional) {
            return toJsonValue(optional.orElse(null));
        }
        if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder object = provider.createObjectBuilder();
            map.forEach((key, item) -> object.add(String.valueOf(key), toJsonValue(item)));
            return object.build();
        }
        if (value instanceof Collection<?> collection) {
            JsonArrayBuilder array = provider.createArrayBuilder();
            collection.forEach(item -> array.add(toJsonValue(item)));
            return array.build();
        }
        if (value.getClass().isArray()) {
            JsonArrayBuilder array = provider.createArrayBuilder();
            for (int i = 0, n = Array.getLength(value); i < n; i++) {
                array.add(toJsonValue(Array.get(value, i)));
            }
            return array.build();
        }
        if (value instanceof Enum<?> constant) {
            return provider.createValue(constant.name());
        }
        return parse(jsonb.toJson(value));
    }

    /**
     * The first cases of {@link #toJsonValue}, in its order: null, JSON-P values, strings, booleans and the
     * JDK's numbers; Java {@code null} for anything else. Shared with {@link StructureWriter}, so that both
     * turn a value into the same JSON.
     */
    JsonValue simpleValue(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof JsonValue json) {
            return json;
        }
        if (value instanceof String text) {
            return provider.createValue(text);
        }
        if (value instanceof Boolean flag) {
            return flag ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return provider.createValue(((Number) value).longValue());
        }
        if (value instanceof BigDecimal decimal) {
            return provider.createValue(decimal);
        }
        if (value instanceof BigInteger integer) {
            return provider.createValue(integer);
        }
        if (value instanceof Double || value instanceof Float) {
            return provider.createValue(((Number) value).doubleValue());
        }
        return null;
    }

    /**
     * Any Java value as JSON text, the text of {@link #toJsonValue} for plain values. Maps, collections,
     * arrays and optionals are written straight to text rather than built as JSON-P values first; records
     * and beans are written by JSON-B without a detour.
     */
    public String write(Object value) {
        if (value instanceof JsonValue json) {
            return json.toString();
        }
        if (value instanceof Map || value instanceof Collection || value instanceof Optional
                || (value != null && value.getClass().isArray())) {
            return structures.write(value);
        }
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum) {
            return toJsonValue(value).toString();
        }
        return jsonb.toJson(value);
    }

    /** A JSON value as plain Java: String, BigDecimal, Boolean, unmodifiable List and Map, or null. */
    public Object toJava(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).bigDecimalValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                value.asJsonArray().forEach(item -> list.add(toJava(item)));
                yield Collections.unmodifiableList(list);
            }
            case OBJECT -> toJava((JsonObject) value);
        };
    }

    private Map<String, Object> toJava(JsonObject object) {
        Map<String, Object> map = new LinkedHashMap<>();
        object.forEach((key, item) -> map.put(key, toJava(item)));
        return Collections.unmodifiableMap(map);
    }

    /** Binds a JSON value to a Java type with JSON-B; strings and booleans directly. */
    public Object bind(JsonValue value, Type type) {
        if (type == String.class && value instanceof JsonString text) {
            return text.getString();
        }
        if ((type == boolean.class || type == Boolean.class) && value.getValueType() != JsonValue.ValueType.NULL) {
            return value == JsonValue.TRUE;
        }
        return jsonb.fromJson(value.toString(), type);
    }

    @Override
    public void close() {
        try {
            jsonb.close();
        } catch (Exception ignored) {
            // nothing to release that outlives the application
        }
    }
}
