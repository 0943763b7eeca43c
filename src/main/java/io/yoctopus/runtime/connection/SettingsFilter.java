package io.yoctopus.runtime.connection;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A partial settings store used as a filter, {@code {plugin: {key: value}}}: a store matches when every
 * named setting has the given value. Numbers compare by value, also inside arrays; an object value
 * matches an object setting that contains at least its entries, recursively; an array matches an equal
 * array (same length and order); {@code null} matches an unset setting.
 */
public final class SettingsFilter {

    /** One setting the filter names: read per connection in a fan-out, so flattened once, here. */
    private record Wanted(String plugin, String key, JsonValue value) {
    }

    private final Wanted[] wanted;

    /**
     * @throws IllegalArgumentException when the filter is not {@code {plugin: {key: value}}}
     */
    public SettingsFilter(JsonObject filter) {
        List<Wanted> settings = new ArrayList<>();
        filter.forEach((plugin, pluginSettings) -> {
            if (pluginSettings.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IllegalArgumentException("filter entry '" + plugin + "' must be an object of settings");
            }
            pluginSettings.asJsonObject().forEach((key, value) -> settings.add(new Wanted(plugin, key, value)));
        });
        this.wanted = settings.toArray(Wanted[]::new);
    }

    public boolean matches(Map<String, Map<String, JsonValue>> store) {
        for (Wanted setting : wanted) {
            Map<String, JsonValue> settings = store.getOrDefault(setting.plugin(), Map.of());
            if (!matches(setting.value(), settings.get(setting.key()))) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(JsonValue wanted, JsonValue actual) {
        if (wanted.getValueType() == JsonValue.ValueType.NULL) {
            return actual == null;
        }
        if (actual == null) {
            return false;
        }
        if (wanted instanceof JsonObject object && actual instanceof JsonObject other) {
            for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                JsonValue value = other.get(entry.getKey());
                if (!matches(entry.getValue(), value)) {
                    return false;
                }
            }
            return true;
        }
        return sameValue(wanted, actual);
    }

    /** Whole-value equality, numbers by value at any depth: how arrays and the values inside them compare. */
    private static boolean sameValue(JsonValue wanted, JsonValue actual) {
        if (wanted instanceof JsonNumber number && actual instanceof JsonNumber other) {
            return number.bigDecimalValue().compareTo(other.bigDecimalValue()) == 0;
        }
        if (wanted instanceof JsonArray array && actual instanceof JsonArray other) {
            if (array.size() != other.size()) {
                return false;
            }
            for (int i = 0; i < array.size(); i++) {
                if (!sameValue(array.get(i), other.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (wanted instanceof JsonObject object && actual instanceof JsonObject other) {
            if (!object.keySet().equals(other.keySet())) {
                return false;
            }
            for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                if (!sameValue(entry.getValue(), other.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return wanted.equals(actual);
    }
}
