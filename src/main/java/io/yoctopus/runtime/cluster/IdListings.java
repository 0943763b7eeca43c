package io.yoctopus.runtime.cluster;

import io.yoctopus.api.Connections.ClusterIds;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The cluster-wide listings of connection ids this member has asked the others for and that have not completed,
 * by correlation id. A listing completes once every member asked has answered or left, or at its deadline; whatever
 * completes it takes it out first, so that it completes once and an answer that comes later finds nothing and is
 * dropped. A bounded number are under way at once: nothing is kept for long, nor without bound.
 */
final class IdListings {

    private static final Logger LOG = Logger.getLogger(IdListings.class.getName());

    private final Map<String, Listing> underWay = new ConcurrentHashMap<>();

    /** How many listings may be under way at once. */
    private final int maxUnderWay;

    /** How long a listing waits for the members asked. */
    private final long timeoutMillis;

    IdListings(int maxUnderWay, long timeoutMillis) {
        this.maxUnderWay = maxUnderWay;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Starts waiting for the answers of the members {@code asked} to the listing {@code correlation}, until the
     * deadline on {@code timer}; the listing fails at once when as many as allowed are under way already.
     *
     * @param here this member's connections
     */
    synchronized CompletableFuture<ClusterIds> start(String correlation, Set<String> here, Set<String> asked,
            ScheduledExecutorService timer) {
        if (underWay.size() >= maxUnderWay) {
            return CompletableFuture.failedFuture(new IllegalStateException(maxUnderWay
                    + " cluster-wide listings of connections are under way already (" + ClusterConnections.MAX_LISTINGS
                    + "); try again later"));
        }
        Listing listing = new Listing(correlation, here, asked);
        underWay.put(correlation, listing);
        timer.schedule(() -> finish(listing), timeoutMillis, TimeUnit.MILLISECONDS);
        return listing.result;
    }

    /** The answer of {@code member}: the ids of its connections. */
    void answered(String correlation, String member, Collection<String> ids) {
        Listing listing = underWay.get(correlation);
        if (listing == null) {
            LOG.fine(() -> "cluster: an answer of " + member + " to a listing not under way here (another member's,"
                    + " or past its deadline); dropped");
            return;
        }
        if (listing.answer(member, ids)) {
            finish(listing);
        }
    }

    /** The members up now: a listing stops waiting for those gone. */
    void membersUp(Set<String> up) {
        underWay.values().forEach(listing -> {
            if (listing.leftWithout(up)) {
                finish(listing);
            }
        });
    }

    /** How many listings are under way. */
    int underWay() {
        return underWay.size();
    }

    private void finish(Listing listing) {
        if (underWay.remove(listing.correlation, listing)) {
            listing.result.complete(listing.outcome());
        }
    }

    /** One listing: what has been gathered, and whom it waits for. */
    private static final class Listing {
        final String correlation;
        final CompletableFuture<ClusterIds> result = new CompletableFuture<>();
        /** Guarded by this, as the others. */
        private final Set<String> ids;
        private final Set<String> waitingFor;
        private final Set<String> gone = new HashSet<>();

        Listing(String correlation, Set<String> here, Set<String> asked) {
            this.correlation = correlation;
            this.ids = new HashSet<>(here);
            this.waitingFor = new HashSet<>(asked);
        }

        /** @return whether it has now heard from every member asked */
        synchronized boolean answer(String member, Collection<String> answered) {
            if (!waitingFor.remove(member)) {
                return false; // not asked, or it answered already
            }
            ids.addAll(answered);
            return waitingFor.isEmpty();
        }

        /** @return whether it waited only for members now gone */
        synchronized boolean leftWithout(Set<String> up) {
            Set<String> left = new HashSet<>(waitingFor);
            left.removeAll(up);
            waitingFor.removeAll(left);
            gone.addAll(left);
            return waitingFor.isEmpty();
        }

        /** The ids gathered; silent: the members gone and those it still waits for. */
        synchronized ClusterIds outcome() {
            Set<String> silent = new HashSet<>(gone);
            silent.addAll(waitingFor);
            return new ClusterIds(ids, silent);
        }
    }
}
