package io.yoctopus.it.probe;

import io.yoctopus.api.ConnectionId;
import io.yoctopus.api.Connections;
import io.yoctopus.api.Handles;
import io.yoctopus.api.LogEntry;
import io.yoctopus.api.Logs;
import io.yoctopus.api.Multicast;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.PluginLog;
import io.yoctopus.api.Plugins;
import io.yoctopus.api.Reply;
import io.yoctopus.api.RequestRejected;
import io.yoctopus.api.Requires;
import io.yoctopus.api.Setting;
import io.yoctopus.api.Subscription;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The tests' window into the server: endpoints that expose what the observers recorded, and endpoints
 * that drive the injectable APIs ({@link Plugins}, {@link Connections}, {@link Logs}, {@link Multicast})
 * from inside the application.
 */
@Plugin("probe")
@Setting(name = "profile", type = Map.class)
public class Probe {

    /** A plain executor for {@code probe:slow}: completes the handler on a thread of its own. */
    private static final Executor LATER = CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS);

    @Inject
    Recorder recorder;

    @Inject
    LifecycleRecorder lifecycle;

    @Inject
    Plugins plugins;

    @Inject
    Connections connections;

    @Inject
    Logs logs;

    @Inject
    Multicast multicast;

    private final AtomicReference<Subscription> installed = new AtomicReference<>();
    private final AtomicReference<Subscription> logSubscription = new AtomicReference<>();
    private final List<LogEntry> subscribed = new CopyOnWriteArrayList<>();

    // ----- what the observers recorded

    @Handles(endpoint = "whoami", method = "read")
    public Map<String, Object> whoami(@ConnectionId String connectionId) {
        return Map.of("id", connectionId);
    }

    @Handles(endpoint = "events", method = "read")
    public JsonArray events(Target target) {
        return recorder.of(target.connection());
    }

    @Handles(endpoint = "async-events", method = "read")
    public JsonArray asyncEvents(Target target) {
        return recorder.asyncOf(target.connection());
    }

    // ----- request and response transformation (see EarlyTransformer, LateTransformer)

    @Handles(endpoint = "transform", method = "update")
    public List<String> transform(Steps steps) {
        List<String> all = new ArrayList<>(steps.steps());
        all.add("handler");
        return all;
    }

    // ----- settings for multicast filters

    @Handles(endpoint = "profile", method = "update")
    public Reply profile(JsonObject profile) {
        return Reply.of(profile).withSetting("profile", profile);
    }

    @Handles(endpoint = "multicast", method = "create")
    public Map<String, Object> multicast(MulticastCommand command) {
        Map<String, Map<String, Object>> filter = new LinkedHashMap<>();
        command.filter().forEach((plugin, settings) -> filter.put(plugin, new LinkedHashMap<>(settings.asJsonObject())));
        return Map.of("receivers", multicast.send(filter, command.type(), command.data()));
    }

    // ----- the connection registry

    @Handles(endpoint = "connections", method = "read")
    public List<String> connections() {
        return connections.ids().stream().sorted().toList();
    }

    @Handles(endpoint = "notify", method = "create")
    public Map<String, Object> notify(NotifyCommand command) {
        var connection = connections.find(command.id());
        connection.ifPresent(found -> found.notify(command.type(), command.data()));
        return Map.of("found", connection.isPresent());
    }

    @Handles(endpoint = "close", method = "create")
    public Map<String, Object> close(CloseCommand command) {
        var connection = connections.find(command.id());
        connection.ifPresent(found -> found.close(command.code(), command.reason()));
        return Map.of("found", connection.isPresent());
    }

    @Handles(endpoint = "export", method = "read")
    public Map<String, Map<String, Object>> export(Target target) {
        return connections.find(target.connection())
                .orElseThrow(() -> new RequestRejected("no open connection " + target.connection()))
                .exportSettings();
    }

    // ----- plugins installed at run time

    @Handles(endpoint = "install", method = "create")
    public Map<String, Object> install(Text greeting) {
        try {
            Subscription subscription = plugins.install(new RuntimePlugin(greeting.text()));
            installed.set(subscription);
        } catch (DefinitionException refused) {
            throw new RequestRejected(refused.getMessage());
        }
        return Map.of("names", names());
    }

    @Handles(endpoint = "install", method = "delete")
    public Map<String, Object> uninstall() {
        Subscription subscription = installed.getAndSet(null);
        if (subscription == null) {
            throw new RequestRejected("nothing installed");
        }
        subscription.close();
        subscription.close(); // closing twice does nothing
        return Map.of("names", names());
    }

    @Handles(endpoint = "install-invalid", method = "create")
    public Map<String, Object> installInvalid() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("invalid", refusal(new InvalidPlugin()));
        answer.put("duplicate", refusal(new DuplicateGreeter()));
        answer.put("notAPlugin", refusal(new Text("not a plugin")));
        answer.put("names", names());
        return answer;
    }

    private String refusal(Object plugin) {
        try {
            plugins.install(plugin).close();
            return "installed";
        } catch (DefinitionException refused) {
            return refused.getMessage();
        }
    }

    private List<String> names() {
        return plugins.names().stream().sorted().toList();
    }

    // ----- logs

    @Handles(endpoint = "logs", method = "create")
    public Map<String, Object> subscribeToLogs() {
        Subscription previous = logSubscription.getAndSet(logs.subscribe(subscribed::add));
        if (previous != null) {
            previous.close();
        }
        return Map.of("subscribed", true);
    }

    @Handles(endpoint = "logs", method = "delete")
    public Map<String, Object> unsubscribeFromLogs() {
        Subscription subscription = logSubscription.getAndSet(null);
        if (subscription != null) {
            subscription.close();
        }
        return Map.of("subscribed", false);
    }

    /** The entries the subscription received whose message contains the text. */
    @Handles(endpoint = "logs", method = "read")
    public JsonArray subscribedEntries(Text containing) {
        return entries(subscribed, containing.text());
    }

    /** The {@link LogEntry} CDI events whose message contains the text. */
    @Handles(endpoint = "log-events", method = "read")
    public JsonArray logEvents(Text containing) {
        return entries(lifecycle.logEntries(), containing.text());
    }

    @Handles(endpoint = "log", method = "create")
    public Map<String, Object> log(Text message, PluginLog log) {
        log.debug(message.text() + " (debug)");
        log.info(message.text());
        log.warn(message.text() + " (warning)");
        return Map.of("logged", true);
    }

    private static JsonArray entries(Collection<LogEntry> entries, String containing) {
        JsonArrayBuilder array = Recorder.JSON.createArrayBuilder();
        for (LogEntry entry : entries) {
            if (entry.message() != null && entry.message().contains(containing)) {
                array.add(Recorder.JSON.createObjectBuilder()
                        .add("level", entry.level().getName())
                        .add("message", entry.message())
                        .add("plugin", Recorder.json(entry.plugin().orElse(null)))
                        .add("connectionId", Recorder.json(entry.connectionId().orElse(null)))
                        .add("hasTime", entry.time() != null));
            }
        }
        return array.build();
    }

    // ----- failures, slow requests, requirements, aliases

    @Handles(endpoint = "boom", method = "read")
    public Map<String, Object> boom(Text text) {
        throw new IllegalStateException("probe boom " + text.text());
    }

    /** Completes 300 ms later on another thread, recording when it did. */
    @Handles(endpoint = "slow", method = "read")
    public CompletionStage<Map<String, Object>> slow(@ConnectionId String connectionId) {
        return CompletableFuture.supplyAsync(() -> {
            recorder.record(connectionId, Recorder.JSON.createObjectBuilder().add("event", "slow-done").build());
            return Map.of("slow", true);
        }, LATER);
    }

    @Handles(endpoint = "checked", method = "read")
    @Requires(check = ProbeCheck.class)
    public Map<String, Object> checked() {
        return Map.of("checked", true);
    }

    /** Addressed as {@code probe-aliased} (the probe jar's MicroProfile Config). */
    @Handles(endpoint = "aliased", method = "read")
    public JsonValue aliased() {
        return JsonValue.TRUE;
    }
}
