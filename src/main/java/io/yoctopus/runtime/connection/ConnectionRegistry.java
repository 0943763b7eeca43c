package io.yoctopus.runtime.connection;

import io.yoctopus.api.Connections;
import io.yoctopus.api.events.ConnectionClosed;
import io.yoctopus.runtime.catalogue.PluginExtension;
import io.yoctopus.runtime.events.Events;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.runtime.json.Messages;
import io.yoctopus.runtime.metrics.Metrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every open connection by id. Thread-safe. A closed connection leaves once its last request has
 * completed, and only then is its {@link ConnectionClosed} event fired, exactly once.
 */
@ApplicationScoped
public class ConnectionRegistry implements Connections {

    /**
     * The classes the shutdown path needs that a server may not have used before it stops, loaded with this bean:
     * Payara closes the application's jars while the JVM stops, at the same time as it stops the application, and a
     * class first needed then cannot be loaded (NoClassDefFoundError, and the connections are dropped without their
     * close frames).
     */
    private static final List<Class<?>> SHUTDOWN_PATH = List.of(Connection.CloseStatus.class, ConnectionClosed.class,
            Outbox.class);

    /** How long stopping the application waits for clients to read their close frames. */
    static final long SHUTDOWN_GRACE_MILLIS = 2_000;

    private static final Logger LOG = Logger.getLogger(ConnectionRegistry.class.getName());
    private static final String SHUTTING_DOWN = "server shutting down";

    private final ConcurrentMap<String, Connection> open = new ConcurrentHashMap<>();
    /** Multicasts being sent right now: the heartbeat gives way to them ({@link #sendingToMany()}). */
    private final AtomicInteger fanOuts = new AtomicInteger();
    private JsonCodec json;
    private Messages messages;
    private Consumer<ConnectionClosed> closedListener;
    private Metrics metrics;

    /** The cluster seam, where it is deployed (a test's container may leave it out). */
    @Inject
    Instance<OtherInstances> cluster;

    /** The other instances of a cluster, which hold the connections that are not here. */
    OtherInstances others = OtherInstances.NONE;

    /** Fires each closed event to the synchronous observers, and to the asynchronous ones if there are any. */
    @Inject
    public ConnectionRegistry(JsonCodec json, Event<ConnectionClosed> closedEvents, PluginExtension extension,
            Metrics metrics) {
        this(json, event -> Events.fire(closedEvents, event, extension.isObserved(ConnectionClosed.class, true)),
                metrics);
    }

    /** A registry that reports every closed connection to {@code closedListener}, once, counted in figures of its own. */
    public ConnectionRegistry(JsonCodec json, Consumer<ConnectionClosed> closedListener) {
        this(json, closedListener, new Metrics());
    }

    /**
     * A registry that reports every closed connection to {@code closedListener}, once, and counts the connections
     * added and those refused past a limit in {@code metrics}.
     */
    public ConnectionRegistry(JsonCodec json, Consumer<ConnectionClosed> closedListener, Metrics metrics) {
        this.json = json;
        this.messages = new Messages(json);
        this.closedListener = closedListener;
        this.metrics = metrics;
    }

    /** For the proxy only. */
    protected ConnectionRegistry() {
    }

    @PostConstruct
    void findOtherInstances() {
        others = OtherInstances.of(cluster);
    }

    public void add(Connection connection) {
        open.put(connection.id(), connection);
        metrics.connectionOpened();
    }

    /**
     * Adds a connection unless {@code max} (when above 0) are open already. Atomic, unlike a look at
     * {@link #size()} before {@link #add}: connections opening at the same time cannot exceed the limit.
     */
    public synchronized boolean addWithin(Connection connection, int max) {
        if (max > 0 && open.size() >= max) {
            metrics.handshakeRefused(Metrics.Refusal.MAX_CONNECTIONS);
            return false;
        }
        add(connection);
        return true;
    }

    /**
     * Takes a connection out once every request it sent has completed, then fires its closed event. Only
     * the first call for a connection has an effect, whatever ended it. When the server closed the
     * connection, the event carries the server's code and reason, whatever the transport reports.
     */
    public void closed(Connection connection, int code, String reason) {
        if (open.get(connection.id()) != connection || !connection.markClosed()) { // never added, or done
            return;
        }
        Connection.CloseStatus server = connection.serverClose();
        Connection.CloseStatus status = server != null
                ? server
                : new Connection.CloseStatus(code, reason == null ? "" : reason);
        connection.drained().whenComplete((done, failure) -> {
            open.remove(connection.id(), connection);
            try {
                closedListener.accept(new ConnectionClosed(connection.id(), connection.settings().export(json::toJava),
                        status.code(), status.reason()));
            } catch (RuntimeException observerFailure) {
                LOG.log(Level.WARNING, "an observer of the closing of connection " + connection.id() + " failed",
                        observerFailure);
            } finally {
                connection.ended().complete(null);
            }
        });
    }

    /**
     * Closes every connection with 1001 (going away) as the application stops, and waits up to
     * {@link #SHUTDOWN_GRACE_MILLIS} for their clients to read the close; the closed events of those still open
     * then are fired anyway, while observers can still receive them.
     */
    void shutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object application) {
        List<Connection> closing = List.copyOf(open.values());
        // without waiting for pongs: a server that is stopping may no longer read them
        closing.forEach(connection -> connection.giveUp(CloseCodes.GOING_AWAY, SHUTTING_DOWN));
        try {
            CompletableFuture.allOf(closing.stream().map(Connection::ended).toArray(CompletableFuture[]::new))
                    .get(SHUTDOWN_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException late) {
            LOG.fine(() -> "stopping with connections whose clients did not read their close in time");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        closing.forEach(connection -> closed(connection, CloseCodes.GOING_AWAY, SHUTTING_DOWN));
    }

    /** The other instances of a cluster, as found when this registry was made; {@link OtherInstances#NONE} alone. */
    public OtherInstances others() {
        return others;
    }

    /** How many connections are open. */
    public int size() {
        return open.size();
    }

    /**
     * Sends a notification, serialized already, to each open connection {@code which} accepts, as a send to many
     * (a multicast, a change to its subscribers: see {@link #sendToMany}).
     *
     * @return how many connections it was sent to
     */
    public int notifyEach(Predicate<Connection> which, String notification) {
        return sendToMany(() -> {
            int sent = 0;
            for (Connection connection : open.values()) {
                if (which.test(connection)) {
                    connection.notify(notification);
                    sent++;
                }
            }
            return sent;
        });
    }

    /**
     * Runs a send to many connections, marked as under way meanwhile: the heartbeat holds its pings while it runs,
     * for pings would compete with it for the same cores (README, "Liveness").
     *
     * @return what {@code send} returns: how many connections it sent to
     */
    int sendToMany(IntSupplier send) {
        fanOuts.incrementAndGet();
        try {
            return send.getAsInt();
        } finally {
            fanOuts.decrementAndGet();
        }
    }

    /** Whether a send to many connections is under way. */
    public boolean sendingToMany() {
        return fanOuts.get() > 0;
    }

    /** The open connections, a weakly consistent view. */
    public Collection<Connection> open() {
        return open.values();
    }

    @Override
    public Set<String> ids() {
        return Set.copyOf(open.keySet());
    }

    @Override
    public CompletionStage<ClusterIds> idsInCluster() {
        return others.idsInCluster(ids());
    }

    /**
     * The quotas of an open connection: how a bundled plugin counts what it keeps for a connection (the
     * change tracker, its subscriptions) against the connection's quota, without counting on its own.
     */
    public Optional<ConnectionQuotas> quotas(String connectionId) {
        Connection connection = open.get(connectionId);
        return connection == null ? Optional.empty() : Optional.of(connection.quotas());
    }

    /** An open connection by id, as the runtime sees it. */
    public Optional<Connection> connection(String id) {
        return Optional.ofNullable(open.get(id));
    }

    @Override
    public Optional<ConnectionHandle> find(String id) {
        return Optional.ofNullable(open.get(id)).map(Handle::new);
    }

    @Override
    public void notify(String connectionId, String type, Object data) {
        String notification = messages.notification(type, data);
        Connection connection = open.get(connectionId);
        if (connection != null) {
            connection.send(notification);
        } else if (others.any()) {
            others.notify(connectionId, notification);
        }
    }

    @Override
    public void close(String connectionId, int code, String reason) {
        Connection connection = open.get(connectionId);
        if (connection != null) {
            connection.close(code, reason);
        } else if (others.any()) {
            others.close(connectionId, code, reason);
        }
    }

    /** An open connection as the API shows it. */
    private final class Handle implements ConnectionHandle {
        private final Connection connection;

        Handle(Connection connection) {
            this.connection = connection;
        }

        @Override
        public String id() {
            return connection.id();
        }

        @Override
        public void notify(String type, Object data) {
            connection.notify(messages.notification(type, data));
        }

        @Override
        public void close(int code, String reason) {
            connection.close(code, reason);
        }

        @Override
        public Map<String, Map<String, Object>> exportSettings() {
            return connection.settings().export(json::toJava);
        }
    }
}
