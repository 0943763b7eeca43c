package io.yoctopus.it.probe;

import io.yoctopus.api.LogEntry;
import io.yoctopus.api.events.ConnectionChanged;
import io.yoctopus.api.events.ConnectionClosed;
import io.yoctopus.api.events.ConnectionOpened;
import io.yoctopus.api.events.RequestReceived;
import io.yoctopus.api.events.ResponsePrepared;
import io.yoctopus.api.events.ResponseSent;
import io.yoctopus.api.events.SettingChanged;
import io.yoctopus.api.events.YoctopusError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Observes every lifecycle event and records what it carried, by connection. Observers only record;
 * the tests assert. The observer of {@link ConnectionOpened} also greets the new connection with a
 * {@code probe-hello} notification carrying its id and its {@code X-Probe} handshake header, so a test
 * client learns its connection id.
 */
@ApplicationScoped
public class LifecycleRecorder {

    /** The handshake header the tests send. */
    public static final String HEADER = "X-Probe";

    @Inject
    Recorder recorder;

    private final List<LogEntry> logEntries = new CopyOnWriteArrayList<>();

    void opened(@Observes ConnectionOpened event) {
        String probe = header(event.headers());
        recorder.record(event.connectionId(), Recorder.JSON.createObjectBuilder()
                .add("event", "opened")
                .add("probe", probe == null ? "" : probe)
                .add("hasPort", event.settings().get("yoctopus", "port").isPresent())
                .build());
        event.notifier().notify("probe-hello", Map.of("id", event.connectionId(), "probe", probe == null ? "" : probe));
    }

    void openedLater(@ObservesAsync ConnectionOpened event) {
        recorder.recordAsync(event.connectionId(), simple("opened"));
    }

    void received(@Observes RequestReceived event) {
        recorder.record(event.connectionId(), Recorder.JSON.createObjectBuilder()
                .add("event", "received")
                .add("endpoint", event.request().endpoint())
                .add("method", event.request().method())
                .add("data", event.data())
                .build());
    }

    void prepared(@Observes ResponsePrepared event) {
        recorder.record(event.connectionId(), Recorder.JSON.createObjectBuilder()
                .add("event", "prepared")
                .add("endpoint", event.request().endpoint())
                .add("method", event.request().method())
                .build());
    }

    void sent(@Observes ResponseSent event) {
        recorder.record(event.connectionId(), Recorder.JSON.createObjectBuilder()
                .add("event", "sent")
                .add("endpoint", event.request().endpoint())
                .add("method", event.request().method())
                .add("ok", event.ok())
                .add("message", event.message())
                .build());
    }

    void sentLater(@ObservesAsync ResponseSent event) {
        recorder.recordAsync(event.connectionId(), simple("sent"));
    }

    void setting(@Observes SettingChanged change) {
        recorder.record(change.connectionId(), Recorder.JSON.createObjectBuilder()
                .add("event", "setting")
                .add("plugin", change.plugin())
                .add("setting", change.setting())
                .add("old", Recorder.json(change.oldValue()))
                .add("new", Recorder.json(change.newValue()))
                .build());
    }

    void changed(@Observes ConnectionChanged event) {
        JsonArrayBuilder changes = Recorder.JSON.createArrayBuilder();
        event.changes().forEach(change -> changes.add(change.plugin() + "." + change.setting()));
        recorder.record(event.connectionId(), Recorder.JSON.createObjectBuilder()
                .add("event", "changed")
                .add("changes", changes)
                .add("settings", Recorder.json(event.settings().export()))
                .build());
    }

    void changedLater(@ObservesAsync ConnectionChanged event) {
        recorder.recordAsync(event.connectionId(), simple("changed"));
    }

    void closed(@Observes ConnectionClosed event) {
        recorder.record(event.connectionId(), Recorder.JSON.createObjectBuilder()
                .add("event", "closed")
                .add("code", event.closeCode())
                .add("reason", event.reason())
                .add("settings", Recorder.json(event.settings()))
                .build());
    }

    void closedLater(@ObservesAsync ConnectionClosed event) {
        recorder.recordAsync(event.connectionId(), simple("closed"));
    }

    void failed(@Observes YoctopusError error) {
        JsonObjectBuilder entry = Recorder.JSON.createObjectBuilder()
                .add("event", "error")
                .add("kind", error.kind().name())
                .add("message", error.message())
                .add("cause", error.cause() == null ? "" : String.valueOf(error.cause().getMessage()));
        recorder.record(error.connectionId().orElse(null), entry.build());
    }

    void logged(@Observes LogEntry entry) {
        logEntries.add(entry);
    }

    /** The {@link LogEntry} events seen so far (a method: fields of a client proxy are not the bean's). */
    public List<LogEntry> logEntries() {
        return logEntries;
    }

    private static JsonObject simple(String event) {
        return Recorder.JSON.createObjectBuilder().add("event", event).build();
    }

    private static String header(Map<String, List<String>> headers) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(HEADER) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }
}
