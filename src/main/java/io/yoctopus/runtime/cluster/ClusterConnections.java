package io.yoctopus.runtime.cluster;

import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.connection.MulticastService;
import io.yoctopus.runtime.connection.OtherInstances;
import io.yoctopus.runtime.connection.SettingsFilter;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.runtime.transport.TransportScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The connections of a cluster: multicasts, notifications and closes by id between instances, and how many
 * connections each member holds. Each instance holds its own connections; what concerns another instance's
 * connections travels as text on the {@link Cluster}'s channels, and the receiving instance acts on its own
 * connections only.
 */
@ApplicationScoped
public class ClusterConnections implements OtherInstances {

    static final String MULTICAST = "multicast";
    static final String NOTIFY = "notify";
    static final String CLOSE = "close";
    static final String COUNT = "connections";

    /** How often each member tells the others how many connections it holds. */
    static final long REPORT_MILLIS = 1000;

    @Inject
    Cluster cluster;

    @Inject
    ConnectionRegistry connections;

    @Inject
    MulticastService multicast;

    @Inject
    JsonCodec json;

    @Inject
    TransportScheduler scheduler;

    /** The last count each other member reported. */
    private final Map<String, Integer> reported = new ConcurrentHashMap<>();

    /** As the application starts: its channels are received before any connection opens. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        join(scheduler.executor());
    }

    /** Receives the channels, and reports this member's connections on {@code timer} while on a grid. */
    void join(ScheduledExecutorService timer) {
        cluster.on(MULTICAST, (publisher, fields) ->
                multicast.deliver(new SettingsFilter(json.parse(fields.get(0)).asJsonObject()), fields.get(1)));
        cluster.on(NOTIFY, (publisher, fields) ->
                connections.connection(fields.get(0)).ifPresent(connection -> connection.send(fields.get(1))));
        cluster.on(CLOSE, (publisher, fields) -> connections.connection(fields.get(0))
                .ifPresent(connection -> connection.close(Integer.parseInt(fields.get(1)), fields.get(2))));
        cluster.on(COUNT, (publisher, fields) -> reported.put(publisher, Integer.valueOf(fields.get(0))));
        if (cluster.isClustered()) {
            timer.scheduleWithFixedDelay(this::report, REPORT_MILLIS, REPORT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Tells the others how many connections this member holds, and forgets the counts of members gone. */
    void report() {
        List<ClusterBus.Member> members = cluster.bus().members();
        reported.keySet().removeIf(id -> members.stream().noneMatch(member -> member.id().equals(id)));
        if (members.size() > 1) {
            cluster.publish(COUNT, String.valueOf(connections.size()));
        }
    }

    /** The members of the cluster, each with its connections; this instance alone when it has no grid. */
    public List<MemberConnections> members() {
        String self = cluster.bus().localMember();
        return cluster.bus().members().stream().map(member -> member.id().equals(self)
                ? new MemberConnections(member.id(), member.address(), true, connections.size())
                : new MemberConnections(member.id(), member.address(), false,
                        reported.getOrDefault(member.id(), -1)))
                .toList();
    }

    /** The last counts the other members reported, by member. */
    Map<String, Integer> reported() {
        return Map.copyOf(reported);
    }

    // ---------------------------------------------------------------- OtherInstances

    @Override
    public boolean any() {
        return cluster.hasPeers();
    }

    @Override
    public void multicast(String filter, String notification) {
        cluster.publish(MULTICAST, filter, notification);
    }

    @Override
    public void notify(String connectionId, String notification) {
        cluster.publish(NOTIFY, connectionId, notification);
    }

    @Override
    public void close(String connectionId, int code, String reason) {
        cluster.publish(CLOSE, connectionId, String.valueOf(code), reason == null ? "" : reason);
    }
}
