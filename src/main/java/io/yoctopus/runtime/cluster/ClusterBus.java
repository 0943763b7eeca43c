package io.yoctopus.runtime.cluster;

import java.util.List;

/**
 * What carries messages between the instances of a cluster: the seam between the runtime and a server's own
 * messaging (Payara's Hazelcast data grid, or a Jakarta Messaging topic elsewhere). An adapter is one plain class
 * in {@code io.yoctopus.runtime.adapters.<grid>}, loaded by name only where its grid is there
 * ({@link ClusterBuses}), so that no bean names a grid's types.
 *
 * <p>A frame is an array of strings, the first one its channel: plain JDK values that every grid carries without
 * loading the application's classes, serialized by the grid once per frame. What an adapter must guarantee:
 * <ul>
 * <li>every member that is up receives each frame published while it is subscribed;</li>
 * <li>the frames one member publishes reach each other member in the order they were published;</li>
 * <li>the receiver is told who published a frame: a bus may hand a member its own frames too (Hazelcast does),
 * and {@link Cluster} drops them, since the publisher has delivered locally already.</li>
 * </ul>
 */
public interface ClusterBus {

    /** A member of the cluster: its id, unique for the life of its process, and its address (for operators). */
    record Member(String id, String address) {
    }

    /** Where a bus hands the frames it receives: on the bus's own thread, and must return quickly. */
    @FunctionalInterface
    interface Receiver {
        void received(String publisher, String[] frame);
    }

    /** The bus of an instance on its own: it has no peers, and publishing goes nowhere. */
    ClusterBus LOCAL = new LocalBus();

    /** For logs and operators. */
    String name();

    /** This member's id, as {@link #members()} and {@link Receiver#received} name it. */
    String localMember();

    /** The members up now, this one included. */
    List<Member> members();

    /** Sends a frame to every member (see the guarantees above). */
    void publish(String[] frame);

    /** Starts handing the frames that arrive to {@code receiver}; called once. */
    void subscribe(Receiver receiver);

    /** Stops receiving, as the application stops; the grid itself belongs to the server and keeps running. */
    void stop();
}
