package io.yoctopus.runtime.operations;

import io.yoctopus.api.events.CatalogueChanged;
import io.yoctopus.runtime.adapters.Classes;
import io.yoctopus.runtime.catalogue.PluginRegistry;
import io.yoctopus.runtime.cluster.ClusterMembers;
import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.runtime.metrics.Metrics;
import io.yoctopus.runtime.transport.OriginPolicy;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What operators manage the application with, through the surfaces each server's console and tools read, set up as
 * the application starts and taken down as it stops:
 * <ul>
 * <li>JMX, on every server: the MXBeans
 * {@code io.yoctopus:type=Connections|Plugins|AllowedOrigins|Metrics|Cluster,context=...}
 * in the platform MBean server (JConsole, VisualVM, the servers' consoles);</li>
 * <li>the server's metrics facility where it has one: MicroProfile Metrics, detected by a class of its API and
 * served through an adapter loaded by name ({@link MetricsExport});</li>
 * <li>health: {@link HealthExtension}.</li>
 * </ul>
 */
@ApplicationScoped
public class Operations {

    /** The JMX domain of every MXBean. */
    public static final String DOMAIN = "io.yoctopus";

    /** A facility the server may have: a class only it has, and the adapter to load when it is there. */
    record Facility(String markerClass, String adapterClass) {
    }

    static final Facility MICROPROFILE_METRICS = new Facility("org.eclipse.microprofile.metrics.MetricRegistry",
            "io.yoctopus.runtime.adapters.mpmetrics.MicroProfileMetrics");

    private static final Logger LOG = Logger.getLogger(Operations.class.getName());

    @Inject
    ConnectionRegistry connections;

    @Inject
    PluginRegistry plugins;

    @Inject
    OriginPolicy origins;

    @Inject
    Metrics metrics;

    @Inject
    JsonCodec json;

    @Inject
    ClusterMembers cluster;

    private final List<ObjectName> registered = new ArrayList<>();
    private Readings readings;
    private MetricsExport export;

    void start(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        start(context.getContextPath(), Thread.currentThread().getContextClassLoader(), MICROPROFILE_METRICS);
    }

    /**
     * Registers the MXBeans for the application at {@code contextPath}, and the metrics where the server has
     * {@code facility}.
     *
     * @param loader the application's class loader: the MXBeans' calls run with it as the context class loader
     */
    synchronized void start(String contextPath, ClassLoader loader, Facility facility) {
        readings = new Readings(metrics, connections::size, cluster);
        plugins.routes(); // the catalogue, and so each endpoint's figures, before the first reading
        String context = contextPath.isEmpty() ? "/" : contextPath;
        register(context, "Connections", new InApplication(
                new ConnectionsControl(connections, json, System::currentTimeMillis), ConnectionsMXBean.class, loader));
        register(context, "Plugins", new InApplication(new PluginsControl(plugins), PluginsMXBean.class, loader));
        register(context, "AllowedOrigins", new InApplication(new AllowedOriginsControl(origins),
                AllowedOriginsMXBean.class, loader));
        register(context, "Metrics", new InApplication(new MetricsView(metrics, connections::size, cluster),
                MetricsMXBean.class, loader));
        register(context, "Cluster", new InApplication(new ClusterControl(new ClusterView(cluster)),
                ClusterMXBean.class, loader));
        LOG.info(() -> "JMX: " + registered);
        export = load(facility, loader);
        if (export != null) {
            export.register(readings.all());
            LOG.info(() -> "metrics: " + export.name());
        } else {
            LOG.info("metrics: JMX only (the server has no MicroProfile Metrics)");
        }
    }

    /** Endpoints come and go with plugins: their readings join the metrics as they appear. */
    void catalogueChanged(@Observes CatalogueChanged change) {
        MetricsExport current = export;
        if (current != null) {
            current.register(readings.all());
        }
    }

    static ObjectName name(String context, String type) throws JMException {
        return new ObjectName(DOMAIN, new Hashtable<>(Map.of("type", type, "context", context)));
    }

    private void register(String context, String type, Object mxbean) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName name = name(context, type);
            try {
                server.registerMBean(mxbean, name);
            } catch (InstanceAlreadyExistsException stale) {
                // left by an earlier deployment at the same context root that did not stop cleanly
                server.unregisterMBean(name);
                server.registerMBean(mxbean, name);
            }
            registered.add(name);
        } catch (JMException | RuntimeException failure) {
            LOG.log(Level.WARNING, "cannot register the " + type + " MXBean; operators will not see it", failure);
        }
    }

    /** The adapter of a facility the server has, else null. */
    static MetricsExport load(Facility facility, ClassLoader loader) {
        if (!Classes.visible(facility.markerClass(), loader)) {
            return null;
        }
        try {
            return Class.forName(facility.adapterClass(), true, loader).asSubclass(MetricsExport.class)
                    .getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException failure) {
            LOG.log(Level.WARNING, "cannot load " + facility.adapterClass() + "; metrics through JMX only", failure);
            return null;
        }
    }

    /** The names of the MXBeans registered. */
    synchronized List<ObjectName> registered() {
        return List.copyOf(registered);
    }

    @PreDestroy
    synchronized void stop() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : registered) {
            try {
                server.unregisterMBean(name);
            } catch (JMException | RuntimeException gone) {
                LOG.log(Level.FINE, "the MXBean " + name + " was gone already", gone);
            }
        }
        registered.clear();
        if (export != null) {
            export.stop();
            export = null;
        }
    }
}
