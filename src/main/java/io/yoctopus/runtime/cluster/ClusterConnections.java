package io.yoctopus.runtime.cluster;

import io.yoctopus.api.Connections.ClusterIds;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The connections of a cluster: multicasts, notifications and closes by id between instances, how many connections
 * each member holds, and the cluster-wide listing of their ids (asked of every member, answered by each with its
 * own). Each instance holds its own connections; what concerns another instance's connections travels as text on
 * the {@link Cluster}'s channels, and the receiving instance acts on its own connections only.
 */
@ApplicationScoped
public class ClusterConnections implements OtherInstances, ClusterMembers {

    static final String MULTICAST = "multicast";
    static final String NOTIFY = "notify";
    static final String CLOSE = "close";
    static final String COUNT = "connections";
    /** A listing asked: its correlation id. */
    static final String LIST = "list";
    /** A listing answered: its correlation id, then the ids of the answering member's connections. */
    static final String LISTED = "listed";

    /** How often each member tells the others how many connections it holds. */
    static final long REPORT_MILLIS = 1000;

    /** MicroProfile Config: milliseconds a cluster-wide listing waits for the members asked. */
    static final String LISTING_TIMEOUT = "yoctopus.cluster.listing-timeout";
    /** MicroProfile Config: how many cluster-wide listings asked here may be under way at once. */
    static final String MAX_LISTINGS = "yoctopus.cluster.max-listings";

    /** Set by injection; the defaults here serve a member made without a container. */
    @Inject
    @ConfigProperty(name = LISTING_TIMEOUT, defaultValue = "2000")
    long listingTimeout = 2000;

    @Inject
    @ConfigProperty(name = MAX_LISTINGS, defaultValue = "16")
    int maxListings = 16;

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

    /** The listings this member asked for, under way; made as it joins, with its settings. */
    private IdListings listings;

    /** Where the listings' deadlines are kept. */
    private ScheduledExecutorService timer;

    /** As the application starts: its channels are received before any connection opens. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        join(scheduler.executor());
    }

    /** Receives the channels, and reports this member's connections on {@code timer} while on a grid. */
    void join(ScheduledExecutorService timer) {
        this.timer = timer;
        atLeastOne(MAX_LISTINGS, maxListings);
        atLeastOne(LISTING_TIMEOUT, listingTimeout);
        this.listings = new IdListings(maxListings, listingTimeout);
        cluster.on(MULTICAST, (publisher, fields) ->
                multicast.deliver(new SettingsFilter(json.parse(fields.get(0)).asJsonObject()), fields.get(1)));
        cluster.on(NOTIFY, (publisher, fields) ->
                connections.connection(fields.get(0)).ifPresent(connection -> connection.send(fields.get(1))));
        cluster.on(CLOSE, (publisher, fields) -> connections.connection(fields.get(0))
                .ifPresent(connection -> connection.close(Integer.parseInt(fields.get(1)), fields.get(2))));
        cluster.on(COUNT, (publisher, fields) -> reported.put(publisher, Integer.valueOf(fields.get(0))));
        cluster.on(LIST, (publisher, fields) -> cluster.publish(LISTED,
                Stream.concat(Stream.of(fields.get(0)), connections.ids().stream()).toArray(String[]::new)));
        cluster.on(LISTED, (publisher, fields) ->
                listings.answered(fields.get(0), publisher, fields.subList(1, fields.size())));
        if (cluster.isClustered()) {
            timer.scheduleWithFixedDelay(this::report, REPORT_MILLIS, REPORT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** The same check, and message, as {@code Quotas}' for its keys. */
    private static void atLeastOne(String key, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, not " + value);
        }
    }

    /**
     * Tells the others how many connections this member holds, forgets the counts of members gone, and stops the
     * listings under way waiting for them.
     */
    void report() {
        Set<String> up = memberIds();
        reported.keySet().retainAll(up);
        listings.membersUp(up);
        if (up.size() > 1) {
            cluster.publish(COUNT, String.valueOf(connections.size()));
        }
    }

    /** The members of the cluster, each with its connections; this instance alone when it has no grid. */
    @Override
    public List<MemberConnections> members() {
        String self = cluster.bus().localMember();
        return cluster.bus().members().stream().map(member -> member.id().equals(self)
                ? new MemberConnections(member.id(), member.address(), true, connections.size())
                : new MemberConnections(member.id(), member.address(), false,
                        reported.getOrDefault(member.id(), -1)))
                .toList();
    }

    /** The ids of the members up now, this one included: a set of its own for the caller. */
    private Set<String> memberIds() {
        return cluster.bus().members().stream().map(ClusterBus.Member::id)
                .collect(Collectors.toCollection(HashSet::new));
    }

    /** How many listings this member asked for are under way. */
    int listingsUnderWay() {
        return listings.underWay();
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

    /** Asks every other member up now for the ids of its connections; at once when there is none. */
    @Override
    public CompletionStage<ClusterIds> idsInCluster(Set<String> here) {
        String self = cluster.bus().localMember();
        Set<String> asked = memberIds();
        asked.remove(self);
        if (asked.isEmpty()) {
            return CompletableFuture.completedStage(new ClusterIds(here, Set.of()));
        }
        String correlation = UUID.randomUUID().toString();
        CompletableFuture<ClusterIds> listing = listings.start(correlation, here, asked, timer);
        if (!listing.isCompletedExceptionally()) {
            cluster.publish(LIST, correlation);
        }
        return listing;
    }
}
