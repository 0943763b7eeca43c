package io.yoctopus.runtime.cluster;

import io.yoctopus.runtime.adapters.Classes;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Chooses the {@link ClusterBus} as the application starts: the adapter of the first known grid whose classes are
 * visible and that is running, else {@link ClusterBus#LOCAL}. Adapters are loaded by name, only then, so that the
 * same WAR deploys where a grid's classes are missing.
 */
final class ClusterBuses {

    private static final Logger LOG = Logger.getLogger(ClusterBuses.class.getName());

    /**
     * A grid, recognised by a class of its own, and its adapter: a public constructor taking the topic name and the
     * server's thread factory (for an adapter that needs a thread of its own).
     */
    record Known(String markerClass, String adapterClass) {
    }

    /** In order: the first that is visible and running is used. */
    static final List<Known> KNOWN = List.of(
            // Payara's Domain Data Grid (Hazelcast), the server's own instance under JNDI payara/Hazelcast
            new Known("com.hazelcast.core.HazelcastInstance", "io.yoctopus.runtime.adapters.hazelcast.HazelcastBus"),
            // a Jakarta Messaging topic the operator defines (WildFly's embedded Artemis, clustered)
            new Known("jakarta.jms.ConnectionFactory", "io.yoctopus.runtime.adapters.jms.JmsBus"));

    private ClusterBuses() {
    }

    static ClusterBus detect(ClassLoader loader, String topic, ThreadFactory threads) {
        return detect(KNOWN, loader, topic, threads);
    }

    static ClusterBus detect(List<Known> known, ClassLoader loader, String topic, ThreadFactory threads) {
        for (Known grid : known) {
            if (!Classes.visible(grid.markerClass(), loader)) {
                continue;
            }
            try {
                return Class.forName(grid.adapterClass(), true, loader).asSubclass(ClusterBus.class)
                        .getConstructor(String.class, ThreadFactory.class).newInstance(topic, threads);
            } catch (java.lang.reflect.InvocationTargetException notRunning) {
                // the grid's classes are there but the grid is not (Payara Micro --nohazelcast, WildFly without the
                // topic, say)
                LOG.info(() -> "cluster: " + grid.adapterClass() + " has no grid to use ("
                        + notRunning.getCause() + "); this instance runs on its own");
            } catch (ReflectiveOperationException | LinkageError | ClassCastException broken) {
                LOG.log(Level.WARNING, "cluster: cannot load " + grid.adapterClass() + "; this instance runs on its own",
                        broken);
            }
        }
        return ClusterBus.LOCAL;
    }
}
