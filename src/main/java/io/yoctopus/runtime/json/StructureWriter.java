package io.yoctopus.runtime.json;

import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringWriter;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Writes plain Java structures (maps, collections, arrays, optionals, and what they hold) straight to JSON
 * text with one JSON-P generator: the same text as {@code codec.toJsonValue(value).toString()}, without
 * building the intermediate JSON objects and arrays, then a writer to print them.
 *
 * <p>It follows {@link JsonCodec#toJsonValue} case by case. Every value that is not a structure is turned
 * into the very {@link JsonValue} that method makes and handed to the generator, which is what printing a
 * JSON-P structure does with its members; only strings, booleans and null, whose text cannot differ, are
 * written without that object.
 */
final class StructureWriter {

    /* Map.of and Map.copyOf classes: their keys are distinct by equals, like HashMap's. */
    private static final Class<?> MAP_OF_ONE = Map.of("", "").getClass();
    private static final Class<?> MAP_OF_MANY = Map.of("", "", " ", "").getClass();

    private final JsonGeneratorFactory generators;
    private final JsonCodec codec;

    /**
     * @param generators makes generators that write compact JSON, as JSON-P values print themselves
     * @param codec gives the JSON of values that are not structures
     */
    StructureWriter(JsonGeneratorFactory generators, JsonCodec codec) {
        this.generators = generators;
        this.codec = codec;
    }

    /** Any Java value as JSON text: exactly {@code codec.toJsonValue(value).toString()}. */
    String write(Object value) {
        StringWriter text = new StringWriter();
        JsonGenerator out = generators.createGenerator(text);
        write(out, value);
        // closed only once complete: a generator closed half-way throws, and that would hide the real failure
        out.close();
        return text.toString();
    }

    private void write(JsonGenerator out, Object value) {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String text) {
            out.write(text);
        } else if (value instanceof Boolean flag) {
            out.write(flag);
        } else {
            writeOther(out, value);
        }
    }

    private void writeOther(JsonGenerator out, Object value) {
        JsonValue simple = codec.simpleValue(value);
        if (simple != null) {
            out.write(simple);
        } else if (value instanceof Optional<?> optional) {
            write(out, optional.orElse(null));
        } else if (value instanceof Map<?, ?> map) {
            writeObject(out, map);
        } else if (value instanceof Collection<?> collection) {
            out.writeStartArray();
            collection.forEach(item -> write(out, item));
            out.writeEnd();
        } else if (value.getClass().isArray()) {
            out.writeStartArray();
            for (int i = 0, n = Array.getLength(value); i < n; i++) {
                write(out, Array.get(value, i));
            }
            out.writeEnd();
        } else {
            out.write(codec.toJsonValue(value));   // enums, records, beans: as the codec makes them
        }
    }

    private void writeObject(JsonGenerator out, Map<?, ?> map) {
        if (!keysDistinctAsText(map)) {
            out.write(codec.toJsonValue(map));   // rare: let the object builder merge the members as it does
            return;
        }
        out.writeStartObject();
        map.forEach((key, item) -> {
            out.writeKey(String.valueOf(key));
            write(out, item);
        });
        out.writeEnd();
    }

    /**
     * Whether no two keys of the map have the same text. A JSON-P object builder keeps one member per key
     * text (the last value, where the first key was), so keys such as {@code 1} and {@code "1"}, or two equal
     * strings in an identity map, must go through it to give the same text.
     */
    private static boolean keysDistinctAsText(Map<?, ?> map) {
        if (map.size() < 2 || (keysDistinctByEquals(map) && keysAreStrings(map))) {
            return true;
        }
        Set<String> texts = new HashSet<>();
        for (Object key : map.keySet()) {
            if (!texts.add(String.valueOf(key))) {
                return false;
            }
        }
        return true;
    }

    /** The JDK's maps whose keys are never equal strings: by equals, or by a comparator (equal strings compare 0). */
    private static boolean keysDistinctByEquals(Map<?, ?> map) {
        return map instanceof HashMap || map instanceof ConcurrentHashMap || map instanceof TreeMap
                || map instanceof ConcurrentSkipListMap || map.getClass() == MAP_OF_ONE
                || map.getClass() == MAP_OF_MANY;
    }

    private static boolean keysAreStrings(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }
}
