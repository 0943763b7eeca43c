package io.yoctopus.runtime.operations;

import java.util.List;

/**
 * The open WebSocket connections, for operators: {@code io.yoctopus:type=Connections,context=...}. Closing a
 * connection and sending it a notification are logged with what was done.
 */
public interface ConnectionsMXBean {

    /** How many connections are open. */
    int getCount();

    /** Every open connection, oldest first. */
    List<ConnectionInfo> getConnections();

    /**
     * The ids of the connections open on every instance of the cluster, asked of the other members: waits until each
     * has answered, or at most {@code yoctopus.cluster.listing-timeout} (2 seconds unless set), and names those that
     * did not; this instance's alone when it has no peers.
     *
     * @throws IllegalStateException when {@code yoctopus.cluster.max-listings} listings (16 unless set) are under way
     *         on this instance already
     */
    ClusterListing idsInCluster();

    /**
     * Closes a connection as a plugin would: what was sent before reaches the client first, then the close frame.
     *
     * @param code a close code a server may send: 1000-1003, 1007-1014 or 3000-4999
     * @throws IllegalArgumentException when no connection has that id or the code cannot be sent
     */
    void close(String connectionId, int code, String reason);

    /**
     * Sends a connection the notification {@code {"meta":{"method":"notify","type":type},"data":data}}.
     *
     * @param data JSON text; empty for {@code {}}
     * @throws IllegalArgumentException when no connection has that id, or data is not JSON
     */
    void notify(String connectionId, String type, String data);
}
