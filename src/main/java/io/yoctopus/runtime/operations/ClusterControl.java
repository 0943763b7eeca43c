package io.yoctopus.runtime.operations;

import java.util.List;

/** The cluster for operators, over JMX ({@link ClusterMXBean}). */
final class ClusterControl implements ClusterMXBean {

    private final ClusterView cluster;

    ClusterControl(ClusterView cluster) {
        this.cluster = cluster;
    }

    @Override
    public List<MemberInfo> getMembers() {
        return cluster.members().stream()
                .map(member -> new MemberInfo(member.id(), member.address(), member.local(), member.connections()))
                .toList();
    }

    @Override
    public long getConnections() {
        return ClusterView.connections(cluster.members());
    }
}
