package io.yoctopus.it.probe;

import io.yoctopus.api.ConnectionId;
import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.events.SettingChanged;
import io.yoctopus.api.events.SettingOf;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plugin B: watches two settings of plugin A (the demo {@code auth}) through {@link SettingOf}, and tells
 * a connection what it saw of that connection's changes ({@code watcher:seen} {@code read}).
 */
@Plugin("watcher")
public class SettingWatcher {

    private final ConcurrentMap<String, List<JsonObject>> seen = new ConcurrentHashMap<>();

    void userId(@Observes @SettingOf(plugin = "auth", setting = "userId") SettingChanged change) {
        remember("userId", change);
    }

    void authenticated(@Observes @SettingOf(plugin = "auth", setting = "authenticated") SettingChanged change) {
        remember("authenticated", change);
    }

    private void remember(String observer, SettingChanged change) {
        seen.computeIfAbsent(change.connectionId(), any -> new CopyOnWriteArrayList<>())
                .add(Recorder.JSON.createObjectBuilder()
                        .add("observer", observer)
                        .add("setting", change.plugin() + "." + change.setting())
                        .add("old", Recorder.json(change.oldValue()))
                        .add("new", Recorder.json(change.newValue()))
                        .build());
    }

    @Handles(endpoint = "seen", method = "read")
    public JsonArray seen(@ConnectionId String connectionId) {
        JsonArrayBuilder array = Recorder.JSON.createArrayBuilder();
        seen.getOrDefault(connectionId, List.of()).forEach(array::add);
        return array.build();
    }
}
