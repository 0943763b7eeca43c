package io.yoctopus.runtime.operations;

import java.util.List;

/**
 * The cluster's members and their connections, for operators: {@code io.yoctopus:type=Cluster,context=...}. On an
 * instance on its own, the one member is that instance.
 */
public interface ClusterMXBean {

    /**
     * Every member up now, as this instance sees it, itself included: its own connections counted now, each other
     * member's as it last reported them (every second), {@code -1} until it has.
     */
    List<MemberInfo> getMembers();

    /** The connections of the whole cluster: the members' counts summed, those not reported yet left out. */
    long getConnections();
}
