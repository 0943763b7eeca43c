package io.yoctopus.demo;

import io.yoctopus.api.ConnectionSettings;
import java.util.Map;
import java.util.Optional;

/**
 * A connection's settings as the demo plugins read them, fixed by the test: {@code {plugin: {key: value}}}.
 * Plugins under test only read them; a write is a test failure.
 */
public record FixedSettings(Map<String, Map<String, Object>> values) implements ConnectionSettings {

    @Override
    public Optional<Object> get(String plugin, String key) {
        return Optional.ofNullable(values.getOrDefault(plugin, Map.of()).get(key));
    }

    @Override
    public <T> Optional<T> get(String plugin, String key, Class<T> type) {
        return get(plugin, key).map(type::cast);
    }

    @Override
    public void set(String key, Object value) {
        throw new AssertionError("the code under test wrote the setting " + key);
    }

    @Override
    public Map<String, Map<String, Object>> export() {
        return values;
    }
}
