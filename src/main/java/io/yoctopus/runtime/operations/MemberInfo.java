package io.yoctopus.runtime.operations;

import java.beans.ConstructorProperties;

/** One member of the cluster as {@link ClusterMXBean} shows it (a JMX composite value: each getter is an item). */
public final class MemberInfo {

    private final String id;
    private final String address;
    private final boolean local;
    private final int connections;

    /**
     * @param id the member's id on the grid
     * @param address where it is on the grid's network; empty when the grid does not say
     * @param local whether it is this instance
     * @param connections its open connections; {@code -1} for a member not heard from yet
     */
    @ConstructorProperties({"id", "address", "local", "connections"})
    public MemberInfo(String id, String address, boolean local, int connections) {
        this.id = id;
        this.address = address;
        this.local = local;
        this.connections = connections;
    }

    public String getId() {
        return id;
    }

    public String getAddress() {
        return address;
    }

    public boolean isLocal() {
        return local;
    }

    public int getConnections() {
        return connections;
    }
}
