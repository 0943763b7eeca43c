package io.yoctopus.runtime.dispatch;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.Multicast;
import io.yoctopus.api.Notifier;
import io.yoctopus.api.Request;
import io.yoctopus.api.RequestRejected;
import io.yoctopus.api.events.ConnectionChanged;
import io.yoctopus.api.events.SettingChanged;
import io.yoctopus.runtime.catalogue.ParameterKind;
import io.yoctopus.runtime.catalogue.Route;
import io.yoctopus.runtime.catalogue.SettingType;
import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.ConnectionNotifier;
import io.yoctopus.runtime.connection.Conversions;
import io.yoctopus.runtime.connection.SettingsStore.SettingChange;
import io.yoctopus.runtime.json.ErrorText;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.runtime.json.Messages;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request on its way through a handler: resolves the handler's arguments and stages the settings it
 * writes, which {@link #commit()} applies together once the handler has succeeded.
 */
final class Invocation implements ConnectionSettings {

    private final Connection connection;
    private final Route route;
    private final JsonCodec json;
    private final Messages messages;
    private final Multicast multicast;
    private Request request;
    private Map<String, JsonValue> staged;
    private final long startNanos;

    /** @param startNanos when the frame was dispatched ({@link System#nanoTime()}) */
    Invocation(Connection connection, Request request, Route route, JsonCodec json, Messages messages,
            Multicast multicast, long startNanos) {
        this.startNanos = startNanos;
        this.connection = connection;
        this.request = request;
        this.route = route;
        this.json = json;
        this.messages = messages;
        this.multicast = multicast;
    }

    Connection connection() {
        return connection;
    }

    Request request() {
        return request;
    }

    Route route() {
        return route;
    }

    long startNanos() {
        return startNanos;
    }

    /** Replaces the data the handler will see, as a request observer asked. */
    void replaceData(JsonValue data) {
        if (data != request.data()) {
            request = new Request(request.id(), request.endpoint(), request.method(), data);
        }
    }

    /** The handler's arguments; {@code data} is the bound request data, or the frame of a binary handler. */
    Object[] arguments(Object data) {
        List<ParameterKind> kinds = route.handler().parameters();
        Object[] arguments = new Object[kinds.size()];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = switch (kinds.get(i)) {
                case DATA -> data;
                case RAW_DATA -> request.data();
                case REQUEST -> request;
                case SETTINGS -> this;
                case NOTIFIER -> notifier();
                case CONNECTION_ID -> connection.id();
                case LOG -> new HandlerLog(route.plugin().name(), connection.id());
                case MULTICAST -> multicast;
                case BINARY -> data;
            };
        }
        return arguments;
    }

    /** The settings as this request sees them, staged writes included, for checks and observers: not writable. */
    ConnectionSettings readOnly() {
        return new ReadOnlyView();
    }

    String connectionId() {
        return connection.id();
    }

    Notifier notifier() {
        return new ConnectionNotifier(connection, messages);
    }

    /** Stages every change of a {@code Reply}, rejecting the request with all problems at once. */
    void stageAll(Map<String, Object> changes) {
        List<String> errors = new ArrayList<>();
        Map<String, JsonValue> valid = new LinkedHashMap<>();
        changes.forEach((key, value) -> {
            try {
                valid.put(key, checked(key, value));
            } catch (RequestRejected rejected) {
                errors.addAll(rejected.errors());
            }
        });
        if (!errors.isEmpty()) {
            throw new RequestRejected(errors);
        }
        valid.forEach(this::stage);
    }

    /**
     * Applies the staged settings, all at once, and reports what really changed.
     *
     * @throws RequestRejected with the settings quota's error, applying nothing, when the store would pass it
     */
    void commit(RequestEvents events) {
        if (staged == null) {
            return;
        }
        checkQuota(staged);
        List<SettingChange> changes = connection.settings().apply(route.plugin().name(), staged);
        if (!changes.isEmpty()) {
            List<SettingChanged> changed = changes.stream()
                    .map(change -> new SettingChanged(connection.id(), change.plugin(), change.key(),
                            Optional.ofNullable(change.oldValue()).map(json::toJava),
                            Optional.ofNullable(change.newValue()).map(json::toJava)))
                    .toList();
            events.changed(changed, new ConnectionChanged(connection.id(), changed, readOnly(), notifier()));
        }
    }

    @Override
    public Optional<Object> get(String plugin, String key) {
        return raw(plugin, key).map(json::toJava);
    }

    @Override
    public <T> Optional<T> get(String plugin, String key, Class<T> type) {
        return get(plugin, key).map(value -> Conversions.convert(value, type, plugin + "." + key));
    }

    /** Refuses at once, rather than at the commit, a write that would pass the settings quota. */
    @Override
    public void set(String key, Object value) {
        JsonValue checked = checked(key, value);
        Map<String, JsonValue> trial = staged == null ? new LinkedHashMap<>() : new LinkedHashMap<>(staged);
        trial.put(key, checked);
        checkQuota(trial);
        staged = trial;
    }

    @Override
    public Map<String, Map<String, Object>> export() {
        Map<String, Map<String, Object>> all = connection.settings().export(json::toJava);
        if (staged != null) {
            Map<String, Object> own = all.computeIfAbsent(route.plugin().name(), plugin -> new LinkedHashMap<>());
            staged.forEach((key, value) -> {
                if (value == JsonValue.NULL) {
                    own.remove(key);
                } else {
                    own.put(key, json.toJava(value));
                }
            });
            all.values().removeIf(Map::isEmpty);
        }
        return all;
    }

    /** A setting's JSON value, staged writes of this plugin included. */
    Optional<JsonValue> raw(String plugin, String key) {
        if (staged != null && plugin.equals(route.plugin().name()) && staged.containsKey(key)) {
            JsonValue value = staged.get(key);
            return value == JsonValue.NULL ? Optional.empty() : Optional.of(value);
        }
        return connection.settings().get(plugin, key);
    }

    private JsonValue checked(String key, Object value) {
        String plugin = route.plugin().name();
        SettingType type = route.plugin().settings().get(key);
        if (type == null) {
            throw new RequestRejected("plugin '" + plugin + "' has no setting '" + ErrorText.echo(key) + "'");
        }
        JsonValue json = this.json.toJsonValue(value);
        if (json != JsonValue.NULL && !type.accepts(json)) {
            throw new RequestRejected("setting " + plugin + "." + key + " must be " + type.withArticle());
        }
        return json;
    }

    private void checkQuota(Map<String, JsonValue> changes) {
        connection.quotas().checkSettingsLength(connection.settings().lengthWith(route.plugin().name(), changes));
    }

    private void stage(String key, JsonValue value) {
        if (staged == null) {
            staged = new LinkedHashMap<>();
        }
        staged.put(key, value);
    }

    /** This request's settings, read-only. */
    private final class ReadOnlyView implements ConnectionSettings {
        @Override
        public Optional<Object> get(String plugin, String key) {
            return Invocation.this.get(plugin, key);
        }

        @Override
        public <T> Optional<T> get(String plugin, String key, Class<T> type) {
            return Invocation.this.get(plugin, key, type);
        }

        @Override
        public void set(String key, Object value) {
            throw new UnsupportedOperationException("these settings are read-only here; a handler can write them");
        }

        @Override
        public Map<String, Map<String, Object>> export() {
            return Invocation.this.export();
        }
    }
}
