package io.yoctopus.runtime.operations;

import io.yoctopus.runtime.cluster.ClusterMembers;
import io.yoctopus.runtime.cluster.MemberConnections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cluster's members and their connections as the operational views show them (health, metrics, JMX). A grid
 * that cannot list its members (it is stopping with the server) shows as no members rather than failing the view:
 * clustering never turns a health check DOWN nor breaks a metrics scrape.
 */
final class ClusterView {

    /** The prefix of each member's entry in the readiness check's data, followed by the member's id. */
    static final String MEMBER = "clusterMember.";

    private static final Logger LOG = Logger.getLogger(ClusterView.class.getName());

    private final ClusterMembers cluster;

    ClusterView(ClusterMembers cluster) {
        this.cluster = cluster;
    }

    /** The members up now, this instance included; none when the grid cannot tell. */
    List<MemberConnections> members() {
        try {
            return cluster.members();
        } catch (RuntimeException failure) {
            LOG.log(Level.FINE, "cluster: the grid cannot list its members", failure);
            return List.of();
        }
    }

    /** The connections of the whole cluster: the counts known, summed (a member not heard from yet counts 0). */
    static long connections(List<MemberConnections> members) {
        return members.stream().mapToLong(member -> Math.max(0, member.connections())).sum();
    }

    /**
     * For the readiness check: {@code clusterMembers}, {@code clusterConnections}, and for each member
     * {@code clusterMember.<id>}: {@code address=... connections=... local=...} (a check's data holds strings, longs
     * and booleans only).
     */
    Map<String, Object> healthData() {
        List<MemberConnections> members = members();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("clusterMembers", (long) members.size());
        data.put("clusterConnections", connections(members));
        members.forEach(member -> data.put(MEMBER + member.id(), "address=" + member.address() + " connections="
                + member.connections() + " local=" + member.local()));
        return data;
    }
}
