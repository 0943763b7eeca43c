package io.yoctopus.runtime.connection;

import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One connection's settings, {@code plugin → key → value}, in the order they were first set. Reads see an immutable snapshot and never
 * block; writes come from the connection's own request pipeline one at a time and swap in a new
 * snapshot, so every reader sees either all of a request's changes or none.
 */
public final class SettingsStore {

    private volatile Map<String, Map<String, JsonValue>> values = Map.of();

    public Optional<JsonValue> get(String plugin, String key) {
        Map<String, JsonValue> settings = values.get(plugin);
        return settings == null ? Optional.empty() : Optional.ofNullable(settings.get(key));
    }

    /** The whole store, immutable. */
    public Map<String, Map<String, JsonValue>> snapshot() {
        return values;
    }

    /** The whole store as plain values, {@code {plugin: {key: value}}}, in the order settings were first set. */
    public Map<String, Map<String, Object>> export(Function<JsonValue, Object> toJava) {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        values.forEach((plugin, settings) -> {
            Map<String, Object> copy = new LinkedHashMap<>();
            settings.forEach((key, value) -> copy.put(key, toJava.apply(value)));
            all.put(plugin, copy);
        });
        return all;
    }

    /**
     * Applies one plugin's changes together; {@code JsonValue.NULL} clears a setting.
     *
     * @return the settings whose value really changed
     */
    public List<SettingChange> apply(String plugin, Map<String, JsonValue> changes) {
        Map<String, JsonValue> current = values.getOrDefault(plugin, Map.of());
        Map<String, JsonValue> next = new LinkedHashMap<>(current);
        List<SettingChange> changed = new ArrayList<>();
        changes.forEach((key, value) -> {
            JsonValue old = current.get(key);
            JsonValue updated = value == JsonValue.NULL ? null : value;
            if (updated == null) {
                next.remove(key);
            } else {
                next.put(key, updated);
            }
            if (!Objects.equals(old, updated)) {
                changed.add(new SettingChange(plugin, key, old, updated));
            }
        });
        if (!changed.isEmpty()) {
            Map<String, Map<String, JsonValue>> all = new LinkedHashMap<>(values);
            all.put(plugin, Collections.unmodifiableMap(next));
            values = Collections.unmodifiableMap(all);
        }
        return changed;
    }

    /**
     * A setting that changed value.
     *
     * @param oldValue {@code null} when it was unset
     * @param newValue {@code null} when it was cleared
     */
    public record SettingChange(String plugin, String key, JsonValue oldValue, JsonValue newValue) {
    }
}
