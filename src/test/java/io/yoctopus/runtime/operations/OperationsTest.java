package io.yoctopus.runtime.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.Plugins;
import io.yoctopus.plugins.core.CorePlugin;
import io.yoctopus.runtime.catalogue.PluginExtension;
import io.yoctopus.runtime.catalogue.PluginRegistry;
import io.yoctopus.runtime.cluster.ClusterMembers;
import io.yoctopus.runtime.cluster.MemberConnections;
import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.json.JsonProducer;
import io.yoctopus.runtime.metrics.MetricsProducer;
import io.yoctopus.runtime.testing.CapturedLog;
import io.yoctopus.runtime.transport.OriginPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operations bean under Weld SE: its MXBeans in the platform MBean server under the application's context root,
 * and gone when it stops; a metrics facility loaded only where its marker class is, fed the readings of endpoints as
 * plugins come, and stopped with the application.
 */
class OperationsTest {

    /** A metrics facility of the test's own: records what it is given. */
    public static final class RecordingExport implements MetricsExport {
        static final List<RecordingExport> MADE = new ArrayList<>();
        final List<List<String>> registered = new ArrayList<>();
        boolean stopped;

        public RecordingExport() {
            MADE.add(this);
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void register(List<Reading> readings) {
            registered.add(readings.stream().map(Reading::key).toList());
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }

    /** A facility whose adapter cannot be made. */
    public static final class BrokenExport extends AbstractBroken {
        public BrokenExport() {
            throw new IllegalStateException("no registry here");
        }
    }

    abstract static class AbstractBroken implements MetricsExport {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public void register(List<Reading> readings) {
        }

        @Override
        public void stop() {
        }
    }

    /** The cluster seam as the operational views read it: two members. */
    @ApplicationScoped
    public static class TwoMembers implements ClusterMembers {
        @Override
        public List<MemberConnections> members() {
            return List.of(new MemberConnections("A", "10.0.0.1:6900", true, 1),
                    new MemberConnections("B", "10.0.0.2:6900", false, 2));
        }
    }

    @Plugin("late")
    public static class Late {
        @Handles(endpoint = "x", method = "read")
        public void read() {
        }
    }

    private static final Operations.Facility RECORDING = new Operations.Facility(String.class.getName(),
            RecordingExport.class.getName());

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private WeldContainer container;
    private Operations operations;

    @BeforeEach
    void boot() {
        RecordingExport.MADE.clear();
        container = new Weld().disableDiscovery()
                .beanClasses(Operations.class, PluginRegistry.class, ConnectionRegistry.class, OriginPolicy.class,
                        JsonProducer.class, MetricsProducer.class, CorePlugin.class, TwoMembers.class)
                .addExtension(new PluginExtension())
                .initialize();
        operations = container.select(Operations.class).get();
    }

    @AfterEach
    void shutDown() {
        container.close();
    }

    private ClassLoader loader() {
        return getClass().getClassLoader();
    }

    @Test
    void theMxBeansAreRegisteredUnderTheContextRootAndRemovedAtStop() throws Exception {
        operations.start("/app", loader(), RECORDING);
        List<ObjectName> names = List.of(new ObjectName("io.yoctopus:type=Connections,context=/app"),
                new ObjectName("io.yoctopus:type=Plugins,context=/app"),
                new ObjectName("io.yoctopus:type=AllowedOrigins,context=/app"),
                new ObjectName("io.yoctopus:type=Metrics,context=/app"),
                new ObjectName("io.yoctopus:type=Cluster,context=/app"));
        assertEquals(names, operations.registered());
        assertEquals(0, server.getAttribute(names.get(0), "Count"));
        assertEquals(1, ((Object[]) server.getAttribute(names.get(1), "Plugins")).length, "the core plugin");
        assertEquals(List.of("*"), List.of((String[]) server.getAttribute(names.get(2), "AllowedOrigins")));
        assertEquals(0L, server.getAttribute(names.get(3), "FramesIn"));
        assertEquals(2.0, ((TabularData) server.getAttribute(names.get(3), "Figures"))
                .get(new Object[] {"yoctopus.cluster.members"}).get("value"), "the cluster's figures among the metrics");
        CompositeData[] members = (CompositeData[]) server.getAttribute(names.get(4), "Members");
        assertEquals(List.of("A", "B"), Arrays.stream(members).map(member -> member.get("id")).toList());
        assertEquals(List.of(1, 2), Arrays.stream(members).map(member -> member.get("connections")).toList());
        assertEquals(3L, server.getAttribute(names.get(4), "Connections"));
        CompositeData listed = (CompositeData) server.invoke(names.get(0), "idsInCluster", new Object[0],
                new String[0]);
        assertEquals(List.of(), List.of((String[]) listed.get("ids")), "no connection, no other instance here");
        assertEquals(List.of(), List.of((String[]) listed.get("silentMembers")));
        operations.stop();
        names.forEach(name -> assertFalse(server.isRegistered(name), name.toString()));
        assertEquals(List.of(), operations.registered());
        assertTrue(RecordingExport.MADE.get(0).stopped);
    }

    @Test
    void theRootContextIsASlashAndAnMxBeanLeftThereByAnEarlierDeploymentIsReplaced() throws Exception {
        ObjectName connections = new ObjectName("io.yoctopus:type=Connections,context=/");
        AllowedOriginsMXBean stale = new AllowedOriginsControl(new OriginPolicy());
        server.registerMBean(stale, connections);
        try {
            operations.start("", loader(), RECORDING);
            assertEquals(0, server.getAttribute(connections, "Count"), "this application's, not the stale one");
        } finally {
            operations.stop();
        }
        assertFalse(server.isRegistered(connections));
    }

    @Test
    void aFacilityIsFedEveryReadingAndTheReadingsOfEndpointsAsPluginsCome() {
        try (CapturedLog log = CapturedLog.of(Operations.class, Level.INFO)) {
            operations.start("/", loader(), RECORDING);
            assertEquals("metrics: recording", log.records().get(1).getMessage());
        }
        RecordingExport export = RecordingExport.MADE.get(0);
        assertEquals(1, export.registered.size());
        assertTrue(export.registered.get(0).contains("yoctopus.requests{endpoint=yoctopus:label,method=update}"),
                export.registered.get(0).toString());
        container.select(Plugins.class).get().install(new Late());
        assertEquals(2, export.registered.size(), "again when the catalogue changed");
        assertTrue(export.registered.get(1).contains("yoctopus.requests{endpoint=late:x,method=read}"));
        operations.stop();
        assertTrue(export.stopped);
    }

    @Test
    void withoutTheFacilitysMarkerClassNoAdapterIsLoadedAndTheFiguresAreInJmxOnly() {
        Operations.Facility absent = new Operations.Facility("org.example.NoSuchRegistry",
                RecordingExport.class.getName());
        try (CapturedLog log = CapturedLog.of(Operations.class, Level.INFO)) {
            operations.start("/", loader(), absent);
            assertEquals("metrics: JMX only (the server has no MicroProfile Metrics)", log.records().get(1).getMessage());
        }
        assertEquals(List.of(), RecordingExport.MADE);
        container.select(Plugins.class).get().install(new Late());
        operations.stop();
    }

    @Test
    void anAdapterThatCannotBeMadeLeavesTheFiguresInJmxAndSaysWhy() {
        assertNull(Operations.load(new Operations.Facility(String.class.getName(), BrokenExport.class.getName()),
                loader()));
        assertNull(Operations.load(new Operations.Facility(String.class.getName(), "org.example.NoSuchAdapter"),
                loader()));
        assertInstanceOf(RecordingExport.class, Operations.load(RECORDING, loader()));
        try (CapturedLog log = CapturedLog.of(Operations.class, Level.WARNING)) {
            Operations.load(new Operations.Facility(String.class.getName(), BrokenExport.class.getName()), loader());
            assertEquals("cannot load " + BrokenExport.class.getName() + "; metrics through JMX only",
                    log.records().get(0).getMessage());
        }
    }

    @Test
    void anMxBeanThatCannotBeRegisteredIsLeftOutWithAWarningAndOneGoneAlreadyIsNoProblemAtStop() throws Exception {
        try (CapturedLog log = CapturedLog.of(Operations.class, Level.WARNING)) {
            operations.start("/a,b", loader(), RECORDING);   // no valid name: a comma ends a key's value
            assertEquals(List.of(), operations.registered());
            assertEquals("cannot register the Connections MXBean; operators will not see it",
                    log.records().get(0).getMessage());
            assertEquals(5, log.records().size(), "each of the five");
        }
        operations.stop();
        operations.start("/gone", loader(), RECORDING);
        server.unregisterMBean(new ObjectName("io.yoctopus:type=Plugins,context=/gone"));
        operations.stop();
        assertFalse(server.isRegistered(new ObjectName("io.yoctopus:type=Metrics,context=/gone")));
    }

    @Test
    void microProfileMetricsIsLookedForByItsRegistryClass() {
        assertEquals("org.eclipse.microprofile.metrics.MetricRegistry", Operations.MICROPROFILE_METRICS.markerClass());
        assertEquals("io.yoctopus.runtime.adapters.mpmetrics.MicroProfileMetrics",
                Operations.MICROPROFILE_METRICS.adapterClass());
    }
}
