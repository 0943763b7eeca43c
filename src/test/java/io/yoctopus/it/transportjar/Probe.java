package io.yoctopus.it.transportjar;

import io.yoctopus.api.AllowedOrigins;
import io.yoctopus.api.ConnectionId;
import io.yoctopus.api.Connections;
import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A test plugin for {@code TransportIT}, deployed only in a bean archive of the test WAR: changes the
 * allowed origins at run time through the {@link AllowedOrigins} bean, shows the open connections
 * ({@link Connections}), the closed events and error events seen ({@link ProbeLedger}), the server's heap,
 * and pushes notifications to another connection (to fill the outbox of a client that does not read).
 */
@Plugin("probe")
public class Probe {

    @Inject
    AllowedOrigins origins;

    @Inject
    Connections connections;

    @Inject
    ProbeLedger ledger;

    @Inject
    ContainerLogWatch containerLog;

    @Handles(endpoint = "origins", method = "read")
    public Map<String, Object> origins() {
        return Map.of("origins", new TreeSet<>(origins.get()));
    }

    @Handles(endpoint = "origins", method = "update")
    public Map<String, Object> setOrigins(Origins request) {
        origins.set(request.origins());
        return origins();
    }

    /** Reads {@code yoctopus.allowed-origins} again. */
    @Handles(endpoint = "origins", method = "delete")
    public Map<String, Object> reloadOrigins() {
        origins.reload();
        return origins();
    }

    @Handles(endpoint = "whoami", method = "read")
    public Map<String, Object> whoami(@ConnectionId String id) {
        return Map.of("id", id);
    }

    @Handles(endpoint = "connections", method = "read")
    public Map<String, Object> connections() {
        var ids = new TreeSet<>(connections.ids());
        return Map.of("ids", ids, "count", ids.size());
    }

    /** The closed event of a connection: {@code {closed: "<code> <reason>"}}, or {@code {}} while none fired. */
    @Handles(endpoint = "closed", method = "read")
    public Map<String, Object> closed(Target request) {
        String close = ledger.closeOf(request.target());
        return close == null ? Map.of() : Map.of("closed", close);
    }

    @Handles(endpoint = "errors", method = "read")
    public Map<String, Object> errors() {
        return ledger.errors();
    }

    /** How many stack traces the WebSocket container has logged about sessions (see {@link ContainerLogWatch}). */
    @Handles(endpoint = "container-log", method = "read")
    public Map<String, Object> containerLog() {
        return Map.of("stackTraces", containerLog.stackTraces());
    }

    /** The heap in use after a full collection, in bytes. */
    @Handles(endpoint = "memory", method = "read")
    public Map<String, Object> memory() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        System.gc();
        Map<String, Object> memory = new HashMap<>();
        memory.put("used", runtime.totalMemory() - runtime.freeMemory());
        memory.put("max", runtime.maxMemory());
        return memory;
    }

    /** Pushes {@code count} notifications of {@code size} characters each to {@code target}, as fast as it can. */
    @Handles(endpoint = "flood", method = "create")
    public Map<String, Object> flood(Flood request) {
        Optional<Connections.ConnectionHandle> target = connections.find(request.target());
        if (target.isEmpty()) {
            return Map.of("found", false);
        }
        String filler = "x".repeat(Math.max(0, request.size()));
        for (int i = 0; i < request.count(); i++) {
            target.get().notify("flood", Map.of("n", i, "filler", filler));
        }
        return Map.of("found", true, "pushed", request.count());
    }
}
