package io.yoctopus.runtime.cluster;

import java.util.List;

/**
 * The members of the cluster, each with its connections: what the operational views (health, metrics, JMX) read.
 * Implemented by {@link ClusterConnections}.
 */
@FunctionalInterface
public interface ClusterMembers {

    /** Every member up now, this instance included; this instance alone when it has no grid. */
    List<MemberConnections> members();
}
