package io.yoctopus.it.probe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the probe's observers saw, by connection id, in the order they saw it. Thread-safe: observers run
 * on container threads; the tests read it through the {@code probe} plugin's endpoints and assert on
 * their own thread.
 */
@ApplicationScoped
public class Recorder {

    static final JsonProvider JSON = JsonProvider.provider();

    /** The key of what concerns no connection. */
    static final String NO_CONNECTION = "-";

    private final ConcurrentMap<String, List<JsonObject>> events = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, List<JsonObject>> asyncEvents = new ConcurrentHashMap<>();

    void record(String connectionId, JsonObject entry) {
        events.computeIfAbsent(key(connectionId), any -> new CopyOnWriteArrayList<>()).add(entry);
    }

    void recordAsync(String connectionId, JsonObject entry) {
        asyncEvents.computeIfAbsent(key(connectionId), any -> new CopyOnWriteArrayList<>()).add(entry);
    }

    JsonArray of(String connectionId) {
        return array(events.getOrDefault(key(connectionId), List.of()));
    }

    JsonArray asyncOf(String connectionId) {
        return array(asyncEvents.getOrDefault(key(connectionId), List.of()));
    }

    private static String key(String connectionId) {
        return connectionId == null ? NO_CONNECTION : connectionId;
    }

    private static JsonArray array(List<JsonObject> entries) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        entries.forEach(array::add);
        return array.build();
    }

    /** A plain setting value (String, Boolean, BigDecimal, List, Map) as JSON; empty as null. */
    static JsonValue json(Optional<Object> value) {
        return json(value.orElse(null));
    }

    static JsonValue json(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof JsonValue json) {
            return json;
        }
        if (value instanceof String text) {
            return JSON.createValue(text);
        }
        if (value instanceof Boolean flag) {
            return flag ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof BigDecimal number) {
            return JSON.createValue(number);
        }
        if (value instanceof Number number) {
            return JSON.createValue(new BigDecimal(number.toString()));
        }
        if (value instanceof Map<?, ?> map) {
            var object = JSON.createObjectBuilder();
            map.forEach((key, item) -> object.add(String.valueOf(key), json(item)));
            return object.build();
        }
        if (value instanceof List<?> list) {
            var array = JSON.createArrayBuilder();
            list.forEach(item -> array.add(json(item)));
            return array.build();
        }
        return JSON.createValue(String.valueOf(value));
    }
}
