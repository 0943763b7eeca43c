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
 *
 * <p>The store knows the length of the JSON text it serializes to, {@code {"plugin":{"key":value}}} with
 * JSON-P's escaping and no spaces, which the settings quota bounds: kept per plugin, so that measuring a
 * change costs the size of that plugin's settings only.
 */
public final class SettingsStore {

    private static final State EMPTY = new State(Map.of(), Map.of(), 2); // {}

    /** The settings, and the length of each plugin's {@code "plugin":{...}} and of the whole text. */
    private record State(Map<String, Map<String, JsonValue>> values, Map<String, Long> entryLengths, long length) {
    }

    private volatile State state = EMPTY;

    public Optional<JsonValue> get(String plugin, String key) {
        Map<String, JsonValue> settings = state.values().get(plugin);
        return settings == null ? Optional.empty() : Optional.ofNullable(settings.get(key));
    }

    /** The whole store, immutable. */
    public Map<String, Map<String, JsonValue>> snapshot() {
        return state.values();
    }

    /** The characters of the JSON text the whole store serializes to. */
    public long length() {
        return state.length();
    }

    /** The characters of the JSON text the whole store would serialize to after {@link #apply}ing these changes. */
    public long lengthWith(String plugin, Map<String, JsonValue> changes) {
        State current = state;
        return lengthWith(current, plugin, entryLength(plugin, merged(current.values().getOrDefault(plugin, Map.of()), changes)));
    }

    /** The whole store as plain values, {@code {plugin: {key: value}}}, in the order settings were first set. */
    public Map<String, Map<String, Object>> export(Function<JsonValue, Object> toJava) {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        state.values().forEach((plugin, settings) -> {
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
        State before = state;
        Map<String, JsonValue> current = before.values().getOrDefault(plugin, Map.of());
        List<SettingChange> changed = new ArrayList<>();
        changes.forEach((key, value) -> {
            JsonValue old = current.get(key);
            JsonValue updated = value == JsonValue.NULL ? null : value;
            if (!Objects.equals(old, updated)) {
                changed.add(new SettingChange(plugin, key, old, updated));
            }
        });
        if (!changed.isEmpty()) {
            Map<String, JsonValue> next = merged(current, changes);
            long entry = entryLength(plugin, next);
            Map<String, Map<String, JsonValue>> values = new LinkedHashMap<>(before.values());
            values.put(plugin, Collections.unmodifiableMap(next));
            Map<String, Long> lengths = new LinkedHashMap<>(before.entryLengths());
            lengths.put(plugin, entry);
            state = new State(Collections.unmodifiableMap(values), Collections.unmodifiableMap(lengths),
                    lengthWith(before, plugin, entry));
        }
        return changed;
    }

    /** A plugin's settings after changes; {@code JsonValue.NULL} clears. */
    private static Map<String, JsonValue> merged(Map<String, JsonValue> current, Map<String, JsonValue> changes) {
        Map<String, JsonValue> next = new LinkedHashMap<>(current);
        changes.forEach((key, value) -> {
            if (value == JsonValue.NULL) {
                next.remove(key);
            } else {
                next.put(key, value);
            }
        });
        return next;
    }

    /** The store's length with one plugin's entry replaced by (or added as) one of {@code entry} characters. */
    private static long lengthWith(State state, String plugin, long entry) {
        Long old = state.entryLengths().get(plugin);
        if (old != null) {
            return state.length() - old + entry;
        }
        return state.length() + entry + (state.entryLengths().isEmpty() ? 0 : 1); // and a comma before it
    }

    /** {@code "plugin":{"key":value,...}} */
    private static long entryLength(String plugin, Map<String, JsonValue> settings) {
        long length = quotedLength(plugin) + 1 + 2 + Math.max(0, settings.size() - 1);
        for (Map.Entry<String, JsonValue> setting : settings.entrySet()) {
            length += quotedLength(setting.getKey()) + 1 + setting.getValue().toString().length();
        }
        return length;
    }

    /**
     * A name as a JSON string, escaped as JSON-P writes it: quote and backslash with a backslash, the
     * control characters that have one as a two-character escape, the others as six-character unicode escapes.
     */
    static long quotedLength(String text) {
        long length = 2;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
                length += 2;
            } else if (c < 0x20) {
                length += 6;
            } else {
                length++;
            }
        }
        return length;
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
