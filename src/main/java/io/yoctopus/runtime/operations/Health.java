package io.yoctopus.runtime.operations;

import io.yoctopus.runtime.catalogue.Catalogue;
import io.yoctopus.runtime.catalogue.PluginRegistry;
import io.yoctopus.runtime.cluster.ClusterMembers;
import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.transport.Heartbeat;
import io.yoctopus.runtime.transport.TransportSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether the application can take connections (readiness) and whether it still works (liveness), as the health
 * checks report them ({@link HealthExtension}).
 *
 * <p>Ready: the catalogue is built, the application has started and is not stopping, and the endpoint accepts
 * connections ({@code yoctopus.max-connections} is not reached: a load balancer should then send clients
 * elsewhere). Live: the liveness checks of connections run (a timer task that failed would leave dead clients open
 * for good), or are off by configuration.
 *
 * <p>The readiness check's data also shows the cluster's members and their connections ({@link ClusterView}), and
 * only shows them: a member gone or a grid that fails is not this instance's unreadiness.
 */
@ApplicationScoped
public class Health {

    /** The name of the readiness check. */
    public static final String READINESS = "yoctopus-readiness";
    /** The name of the liveness check. */
    public static final String LIVENESS = "yoctopus-liveness";

    @Inject
    PluginRegistry plugins;

    @Inject
    ConnectionRegistry connections;

    @Inject
    TransportSettings settings;

    @Inject
    Heartbeat heartbeat;

    @Inject
    HealthExtension checks;

    @Inject
    ClusterMembers cluster;

    private volatile boolean started;
    private volatile boolean stopping;

    /**
     * A check's outcome.
     *
     * @param data values are strings, longs or booleans, as MicroProfile Health requires
     */
    public record Status(String name, boolean up, Map<String, Object> data) {
    }

    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        plugins.routes();
        started = true;
        checks.attach(this);
    }

    /** What a check reports before the application has started. */
    static Status notStarted(String name) {
        return new Status(name, false, Map.of("started", false));
    }

    void stopping(@Observes @BeforeDestroyed(ApplicationScoped.class) Object application) {
        stopping = true;
    }

    public Status readiness() {
        Catalogue catalogue = plugins.routes();
        int open = connections.size();
        int max = settings.maxConnections();
        boolean full = max > 0 && open >= max;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("plugins", (long) catalogue.pluginNames().size());
        data.put("endpoints", (long) catalogue.routes().size());
        data.put("connections", (long) open);
        data.put("maxConnections", (long) max);
        data.put("started", started);
        data.put("stopping", stopping);
        data.put("accepting", !full);
        data.putAll(new ClusterView(cluster).healthData());
        return new Status(READINESS, started && !stopping && !full, data);
    }

    public Status liveness() {
        boolean running = heartbeat.running();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("livenessChecks", settings.pingInterval() <= 0 ? "off" : running ? "running" : "stopped");
        data.put("connections", (long) connections.size());
        return new Status(LIVENESS, running, data);
    }
}
