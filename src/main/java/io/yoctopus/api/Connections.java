package io.yoctopus.api;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The open connections, injectable: the Node version's {@code server.connectionRegister}. Thread-safe; a
 * connection leaves it when it has closed and its last request has completed.
 *
 * <p>In a cluster ({@code README}, "Clustering") each instance holds its own connections: {@link #ids()} and
 * {@link #find} see this instance's, {@link #idsInCluster()} every instance's, while {@link #notify(String, String,
 * Object)} and {@link #close(String, int, String)} reach a connection wherever it is open.
 */
public interface Connections {

    /** The ids of the connections open on this instance, a snapshot. */
    Set<String> ids();

    /**
     * The ids of the connections open on every instance of the cluster: this instance asks the others, and the stage
     * completes once each member up when it asked has answered, or when the members it still waits for have left the
     * cluster, or at its deadline (2 seconds unless the operator sets {@code yoctopus.cluster.listing-timeout}), with
     * the members that did not answer named. On an instance on its own it
     * completes at once, with {@link #ids()}. The stage completes on a thread of the runtime's that also delivers
     * what other instances send: do not block in the stages that depend on it (block in {@code ...Async} ones).
     * It fails with an {@link IllegalStateException} when as many listings asked here as allowed are under way
     * already ({@code yoctopus.cluster.max-listings}, 16 unless set).
     */
    CompletionStage<ClusterIds> idsInCluster();

    /**
     * What {@link #idsInCluster()} gathered.
     *
     * @param ids the ids of the connections open on this instance and on each member that answered
     * @param silentMembers the members, by their id on the grid, that did not answer in time or left while asked:
     *     their connections are missing from {@code ids}; empty when every member answered
     */
    record ClusterIds(Set<String> ids, Set<String> silentMembers) {

        /** Copies both sets. */
        public ClusterIds {
            ids = Set.copyOf(ids);
            silentMembers = Set.copyOf(silentMembers);
        }

        /** Whether every member answered: {@link #ids()} holds every connection of the cluster. */
        public boolean complete() {
            return silentMembers.isEmpty();
        }
    }

    /** A connection open on this instance, by id. */
    Optional<ConnectionHandle> find(String id);

    /**
     * Pushes a notification to the connection {@code connectionId} wherever it is open: here at once, or through the
     * cluster by the instance that holds it (serialized once, here). Nothing happens when no instance holds it.
     * Notifications this instance sends to one connection arrive in the order they were sent.
     */
    void notify(String connectionId, String type, Object data);

    /**
     * Closes the connection {@code connectionId} with a WebSocket close code and reason wherever it is open, like
     * {@link ConnectionHandle#close}. Nothing happens when no instance holds it.
     */
    void close(String connectionId, int code, String reason);

    /** What can be done with an open connection from outside its requests. */
    interface ConnectionHandle {

        String id();

        /** Pushes a notification; dropped once the connection is gone. */
        void notify(String type, Object data);

        /** Closes the connection with a WebSocket close code (e.g. 1000, 1008) and reason. */
        void close(int code, String reason);

        /** The connection's settings store, {@code {plugin: {key: value}}}: the Node version's {@code exportStore()}. */
        Map<String, Map<String, Object>> exportSettings();
    }
}
