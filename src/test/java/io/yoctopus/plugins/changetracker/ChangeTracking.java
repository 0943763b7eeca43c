package io.yoctopus.plugins.changetracker;

import io.yoctopus.runtime.metrics.MetricsProducer;
import io.yoctopus.api.events.ConnectionOpened;
import io.yoctopus.runtime.catalogue.PluginExtension;
import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.cluster.Cluster;
import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.connection.MessageSink;
import io.yoctopus.runtime.json.JsonProducer;
import io.yoctopus.testing.RecordingSink;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.proxy.WeldClientProxy;

/**
 * The change tracker as the server starts it, under Weld SE: {@link TrackedModels} discovers its models in a
 * real persistence unit (EclipseLink on an in-memory H2), {@link ChangeTrackerService} initialises from them
 * and from MicroProfile Config, the real {@link ConnectionRegistry} fires the closed events, and a persisted
 * entity reaches the subscribers through {@link ChangeListener}. Connections record what they are sent in a
 * {@link RecordingSink}. Close it after each test.
 */
final class ChangeTracking implements AutoCloseable {

    /**
     * Gives {@link TrackedModels} its persistence unit as the server's resource injection of
     * {@code @PersistenceUnit} would (Weld SE has none): by injection of the factory made here.
     */
    static final class PersistenceUnitInjection implements Extension {
        private static final class InjectLiteral extends AnnotationLiteral<Inject> implements Inject {
            private static final long serialVersionUID = 1L;
        }

        private final EntityManagerFactory units;

        PersistenceUnitInjection(EntityManagerFactory units) {
            this.units = units;
        }

        void injectUnit(@Observes ProcessAnnotatedType<TrackedModels> type) {
            type.configureAnnotatedType()
                    .filterFields(field -> field.getJavaMember().getName().equals("entityManagerFactory"))
                    .forEach(field -> field.add(new InjectLiteral()));
        }

        void addUnit(@Observes AfterBeanDiscovery discovery) {
            discovery.addBean().types(EntityManagerFactory.class, Object.class).qualifiers(Default.Literal.INSTANCE)
                    .scope(Dependent.class).createWith(context -> units);
        }
    }

    final EntityManagerFactory units;
    final WeldContainer container;
    final ConnectionRegistry connections;
    final ChangeTracker tracker;
    private final Map<String, RecordingSink> sinks = new ConcurrentHashMap<>();

    private ChangeTracking(EntityManagerFactory units, WeldContainer container) {
        this.units = units;
        this.container = container;
        this.connections = container.select(ConnectionRegistry.class).get();
        this.tracker = container.select(ChangeTracker.class).get();
    }

    /**
     * Starts the change tracker on the persistence unit {@code unit} with these further beans (visibility
     * policies, the subscription endpoints); a failure to start closes what was made and is thrown.
     */
    static ChangeTracking start(String unit, Class<?>... beans) {
        EntityManagerFactory units = Persistence.createEntityManagerFactory(unit);
        try {
            WeldContainer container = new Weld()
                    .disableDiscovery()
                    .beanClasses(TrackedModels.class, ChangeTrackerService.class, ConnectionRegistry.class,
                            JsonProducer.class, MetricsProducer.class, Cluster.class)
                    .addBeanClasses(beans)
                    .addExtension(new PluginExtension())
                    .addExtension(new PersistenceUnitInjection(units))
                    .initialize();
            return new ChangeTracking(units, container);
        } catch (RuntimeException failure) {
            units.close();
            throw failure;
        }
    }

    /** The service itself rather than its client proxy, for what only its package sees. */
    ChangeTrackerService service() {
        return (ChangeTrackerService) ((WeldClientProxy) tracker).getMetadata().getContextualInstance();
    }

    /** The service's registry, to see that nothing is left behind. */
    SubscriptionRegistry registry() {
        return service().registry;
    }

    /** Opens a connection as the transport does: registered, then announced. */
    Connection open(String id) {
        RecordingSink sink = new RecordingSink();
        sinks.put(id, sink);
        return open(id, sink);
    }

    /** Opens a connection whose messages go to {@code sink}, as the transport does. */
    Connection open(String id, MessageSink sink) {
        Connection connection = new Connection(id, sink);
        connections.add(connection);
        container.getBeanManager().getEvent().select(ConnectionOpened.class)
                .fire(new ConnectionOpened(id, null, null, Map.of()));
        return connection;
    }

    /** Opens {@code count} connections, {@code c0} on. */
    List<Connection> open(int count) {
        return IntStream.range(0, count).mapToObj(i -> open("c" + i)).toList();
    }

    /** What was sent to a connection opened here, by its id. */
    RecordingSink sink(String connectionId) {
        return sinks.get(connectionId);
    }

    /** Runs {@code work} in a committed transaction of the persistence unit. */
    void commit(Consumer<EntityManager> work) {
        EntityManager entities = units.createEntityManager();
        try {
            entities.getTransaction().begin();
            work.accept(entities);
            entities.getTransaction().commit();
        } finally {
            entities.close();
        }
    }

    /**
     * Closes the connections still open first: a stopping application waits a while for the clients of open
     * connections to read their close frames, and a recording sink has no client.
     */
    @Override
    public void close() {
        try {
            List.copyOf(connections.open()).forEach(connection -> connections.closed(connection, 1001, "test over"));
            container.close();
        } finally {
            units.close();
        }
    }
}
