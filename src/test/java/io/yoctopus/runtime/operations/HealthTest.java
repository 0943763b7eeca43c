package io.yoctopus.runtime.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.plugins.core.CorePlugin;
import io.yoctopus.runtime.catalogue.PluginExtension;
import io.yoctopus.runtime.catalogue.PluginRegistry;
import io.yoctopus.runtime.cluster.ClusterMembers;
import io.yoctopus.runtime.cluster.MemberConnections;
import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.runtime.json.JsonProducer;
import io.yoctopus.runtime.metrics.MetricsProducer;
import io.yoctopus.runtime.transport.Heartbeat;
import io.yoctopus.runtime.transport.TransportSettings;
import io.yoctopus.testing.RecordingSink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Readiness: started, not stopping, and below the connection limit; liveness: the liveness checks run (or are off).
 * On the real plugin registry; the heartbeat and the settings stand in with the answers each case needs.
 */
class HealthTest {

    private static final JsonCodec JSON = new JsonCodec();

    private WeldContainer container;
    private final ConnectionRegistry connections = new ConnectionRegistry(JSON, closed -> { });
    private final HealthExtension extension = new HealthExtension();
    private int maxConnections;
    private long pingInterval = 250;
    private boolean heartbeatRunning = true;
    /** An instance on its own, as the cluster seam shows it. */
    private ClusterMembers members = () -> List.of(new MemberConnections("local", "", true, connections.size()));
    private Health health;

    @BeforeEach
    void boot() {
        container = new Weld().disableDiscovery()
                .beanClasses(PluginRegistry.class, JsonProducer.class, MetricsProducer.class, CorePlugin.class)
                .addExtension(new PluginExtension())
                .initialize();
        health = new Health();
        health.plugins = container.select(PluginRegistry.class).get();
        health.connections = connections;
        health.checks = extension;
        health.cluster = () -> members.members();
        health.settings = new TransportSettings() {
            @Override
            public int maxConnections() {
                return maxConnections;
            }

            @Override
            public long pingInterval() {
                return pingInterval;
            }
        };
        health.heartbeat = new Heartbeat() {
            @Override
            public boolean running() {
                return heartbeatRunning;
            }
        };
    }

    @AfterEach
    void shutDown() {
        container.close();
    }

    private void open(String id) {
        connections.add(new Connection(id, new RecordingSink()));
    }

    private static Map<String, Object> readinessData(long connections, long max, boolean started, boolean stopping,
            boolean accepting) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("plugins", 1L);
        data.put("endpoints", 1L);
        data.put("connections", connections);
        data.put("maxConnections", max);
        data.put("started", started);
        data.put("stopping", stopping);
        data.put("accepting", accepting);
        data.put("clusterMembers", 1L);
        data.put("clusterConnections", connections);
        data.put("clusterMember.local", "address= connections=" + connections + " local=true");
        return data;
    }

    @Test
    void readyOnceStartedUntilStoppingWithTheCatalogueAndConnectionsInItsData() {
        open("a");
        assertEquals(new Health.Status("yoctopus-readiness", false, readinessData(1, 0, false, false, true)),
                health.readiness(), "not before the application has started");
        health.started(null);
        assertEquals(new Health.Status("yoctopus-readiness", true, readinessData(1, 0, true, false, true)),
                health.readiness());
        health.stopping(null);
        assertEquals(new Health.Status("yoctopus-readiness", false, readinessData(1, 0, true, true, true)),
                health.readiness());
    }

    @Test
    void notReadyWhileTheConnectionLimitIsReached() {
        health.started(null);
        maxConnections = 2;
        open("a");
        assertTrue(health.readiness().up(), "one of two");
        open("b");
        assertEquals(new Health.Status("yoctopus-readiness", false, readinessData(2, 2, true, false, false)),
                health.readiness());
    }

    @Test
    void theReadinessDataShowsTheClusterWhoseMembersNeverMakeThisInstanceUnready() {
        health.started(null);
        open("a");
        members = () -> List.of(new MemberConnections("A", "10.0.0.1:6900", true, 1),
                new MemberConnections("B", "10.0.0.2:6900", false, -1));
        Health.Status ready = health.readiness();
        assertTrue(ready.up(), "a member not heard from is not this instance's unreadiness");
        assertEquals(2L, ready.data().get("clusterMembers"));
        assertEquals(1L, ready.data().get("clusterConnections"));
        assertEquals("address=10.0.0.2:6900 connections=-1 local=false", ready.data().get("clusterMember.B"));

        members = () -> {
            throw new IllegalStateException("the grid is stopping");
        };
        ready = health.readiness();
        assertTrue(ready.up(), "nor a grid that fails");
        assertEquals(0L, ready.data().get("clusterMembers"));
        assertEquals(List.of("plugins", "endpoints", "connections", "maxConnections", "started", "stopping",
                "accepting", "clusterMembers", "clusterConnections"), List.copyOf(ready.data().keySet()));
    }

    @Test
    void aliveWhileTheLivenessChecksRunOrAreOff() {
        open("a");
        assertEquals(new Health.Status("yoctopus-liveness", true, Map.of("livenessChecks", "running", "connections", 1L)),
                health.liveness());
        heartbeatRunning = false;
        assertEquals(new Health.Status("yoctopus-liveness", false, Map.of("livenessChecks", "stopped", "connections", 1L)),
                health.liveness());
        pingInterval = 0;
        heartbeatRunning = true;
        assertEquals("off", health.liveness().data().get("livenessChecks"));
        assertTrue(health.liveness().up());
        assertEquals(List.of("livenessChecks", "connections"), List.copyOf(health.liveness().data().keySet()));
    }

    @Test
    void theChecksReadTheApplicationsHealthThroughTheExtensionFromItsStartOn() {
        assertEquals(new Health.Status("yoctopus-readiness", false, Map.of("started", false)), extension.readiness());
        assertEquals(new Health.Status("yoctopus-liveness", false, Map.of("started", false)), extension.liveness());
        health.started(null);
        assertTrue(extension.readiness().up());
        assertEquals(health.readiness(), extension.readiness());
        assertEquals(health.liveness(), extension.liveness());
        assertSame(Boolean.TRUE, extension.readiness().data().get("started"));
    }
}
