package io.yoctopus.runtime.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Messages between the instances of a cluster, by channel: the runtime's side of the {@link ClusterBus} seam.
 * Whoever owns a kind of message (multicast, a notification or close by connection id, a committed change) names
 * a channel, registers the receiver of what other instances publish on it ({@link #on}), and publishes
 * ({@link #publish}).
 *
 * <p>Exactly once: the instance that publishes delivers to its own connections itself; what comes back to it
 * from the bus is dropped here, by publisher. Order: frames arrive from the bus in each publisher's order and are
 * handed, one at a time and in that order, to a thread of the application's own (made by the server's
 * {@link ManagedThreadFactory}, so receivers run with the application's context and never hold up the grid's
 * threads). On an instance on its own ({@link ClusterBus#LOCAL}) no thread is made and publishing costs nothing.
 */
@ApplicationScoped
public class Cluster {

    /** MicroProfile Config: whether to use the server's data grid when it runs (default {@code true}). */
    public static final String ENABLED = "yoctopus.cluster.enabled";

    /** MicroProfile Config: the name of the grid's topic the instances share (default {@value #DEFAULT_TOPIC}). */
    public static final String TOPIC = "yoctopus.cluster.topic";

    static final String DEFAULT_TOPIC = "yoctopus";

    /** The name of the thread that hands received frames to their receivers. */
    public static final String INBOX_THREAD = "yoctopus-cluster-inbox";

    private static final Logger LOG = Logger.getLogger(Cluster.class.getName());

    /** What other instances publish on a channel, without the channel. */
    @FunctionalInterface
    public interface Receiver {
        void received(String publisher, List<String> fields);
    }

    @Resource
    ManagedThreadFactory threadFactory;

    private final Map<String, Receiver> receivers = new ConcurrentHashMap<>();
    private ClusterBus bus;
    private Executor inbox;
    private ExecutorService ownInbox;

    /** For the container: the bus is chosen when the bean starts ({@link #start()}). */
    protected Cluster() {
    }

    /** A cluster on {@code bus}, whose frames are handed to receivers by {@code inbox} (one at a time, in order). */
    public Cluster(ClusterBus bus, Executor inbox) {
        use(bus, inbox);
    }

    /** An instance on its own. */
    public static Cluster alone() {
        return new Cluster(ClusterBus.LOCAL, Runnable::run);
    }

    @PostConstruct
    void start() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Config config = ConfigProvider.getConfig(loader);
        start(config.getOptionalValue(ENABLED, Boolean.class).orElse(true)
                ? ClusterBuses.detect(loader, config.getOptionalValue(TOPIC, String.class).orElse(DEFAULT_TOPIC),
                        threadFactory)
                : ClusterBus.LOCAL);
    }

    /** Uses {@code chosen}; the bus of a grid gets the inbox thread. */
    void start(ClusterBus chosen) {
        if (chosen != ClusterBus.LOCAL) {
            ownInbox = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
                Thread thread = threadFactory.newThread(task);
                thread.setName(INBOX_THREAD);
                thread.setDaemon(true);
                return thread;
            });
        }
        use(chosen, ownInbox);
        LOG.info(() -> "cluster: " + chosen.name());
    }

    private void use(ClusterBus chosen, Executor handOff) {
        bus = chosen;
        inbox = handOff;
        bus.subscribe(this::received);
    }

    @PreDestroy
    void stop() {
        bus.stop();
        if (ownInbox != null) {
            ownInbox.shutdownNow();
        }
    }

    /**
     * Receives what other instances publish on {@code channel}; one receiver per channel.
     *
     * @throws IllegalStateException when the channel has a receiver already
     */
    public void on(String channel, Receiver receiver) {
        if (receivers.putIfAbsent(channel, receiver) != null) {
            throw new IllegalStateException("cluster channel '" + channel + "' has a receiver already");
        }
    }

    /** Whether another instance is up: what is published reaches someone. */
    public boolean hasPeers() {
        return bus != ClusterBus.LOCAL && bus.members().size() > 1;
    }

    /** Whether this instance runs on a data grid (which may have no other member right now). */
    public boolean isClustered() {
        return bus != ClusterBus.LOCAL;
    }

    /**
     * Sends {@code fields} on {@code channel} to the other instances. A grid that fails is logged and the caller goes
     * on: what it delivers locally does not depend on the other instances.
     *
     * @throws IllegalArgumentException when a field is null (a frame carries text only)
     */
    public void publish(String channel, String... fields) {
        String[] frame = new String[fields.length + 1];
        frame[0] = channel;
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == null) {
                throw new IllegalArgumentException("field " + i + " of a frame on cluster channel '" + channel
                        + "' is null");
            }
            frame[i + 1] = fields[i];
        }
        try {
            bus.publish(frame);
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "cluster: could not publish on channel '" + channel + "'; the other instances miss"
                    + " it", failure);
        }
    }

    /** The bus this instance uses. */
    public ClusterBus bus() {
        return bus;
    }

    /** On the bus's thread: drops this instance's own frames, hands the others on. */
    void received(String publisher, String[] frame) {
        if (publisher.equals(bus.localMember()) || frame.length == 0) {
            return;
        }
        try {
            inbox.execute(() -> dispatch(publisher, frame));
        } catch (RejectedExecutionException stopping) {
            LOG.fine(() -> "cluster: a frame arrived as the application stops; dropped");
        }
    }

    private void dispatch(String publisher, String[] frame) {
        Receiver receiver = receivers.get(frame[0]);
        if (receiver == null) {
            LOG.fine(() -> "cluster: nothing receives channel '" + frame[0] + "' here; dropped");
            return;
        }
        try {
            receiver.received(publisher, Arrays.asList(frame).subList(1, frame.length));
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "cluster: the receiver of channel '" + frame[0] + "' failed on a frame from "
                    + publisher, failure);
        }
    }
}
