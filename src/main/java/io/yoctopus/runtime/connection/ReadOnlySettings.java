package io.yoctopus.runtime.connection;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.runtime.json.JsonCodec;
import java.util.Map;
import java.util.Optional;

/** A connection's settings as observers and requirement checks see them: readable, not writable. */
public final class ReadOnlySettings implements ConnectionSettings {

    private final SettingsStore store;
    private final JsonCodec json;

    public ReadOnlySettings(SettingsStore store, JsonCodec json) {
        this.store = store;
        this.json = json;
    }

    @Override
    public Optional<Object> get(String plugin, String key) {
        return store.get(plugin, key).map(json::toJava);
    }

    @Override
    public <T> Optional<T> get(String plugin, String key, Class<T> type) {
        return get(plugin, key).map(value -> Conversions.convert(value, type, plugin + "." + key));
    }

    @Override
    public void set(String key, Object value) {
        throw new UnsupportedOperationException("these settings are read-only; a handler's settings can be written");
    }

    @Override
    public Map<String, Map<String, Object>> export() {
        return store.export(json::toJava);
    }
}
