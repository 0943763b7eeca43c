package io.yoctopus.runtime.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.runtime.cluster.ClusterMembers;
import io.yoctopus.runtime.cluster.MemberConnections;
import io.yoctopus.runtime.testing.CapturedLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * The cluster as health, metrics and the Cluster MXBean show it: each member with its connections, the cluster's
 * connections summed over the counts known, and a grid that cannot tell shown as no members, never as a failure.
 */
class ClusterViewTest {

    private static final List<MemberConnections> THREE = List.of(
            new MemberConnections("A", "10.0.0.1:6900", true, 3),
            new MemberConnections("B", "10.0.0.2:6900", false, 4),
            new MemberConnections("C", "", false, -1));

    private static final ClusterMembers FAILING = () -> {
        throw new IllegalStateException("Hazelcast instance is not active");
    };

    @Test
    void theCountsKnownAreSummedAndAMemberNotHeardFromCountsNothing() {
        assertEquals(7, ClusterView.connections(THREE));
        assertEquals(0, ClusterView.connections(List.of(new MemberConnections("C", "", false, -1))));
        assertEquals(1, ClusterView.connections(List.of(new MemberConnections("A", "", true, 1))));
        assertEquals(0, ClusterView.connections(List.of()));
    }

    @Test
    void theReadinessDataCountsTheMembersAndTheirConnectionsAndShowsEachMember() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("clusterMembers", 3L);
        expected.put("clusterConnections", 7L);
        expected.put("clusterMember.A", "address=10.0.0.1:6900 connections=3 local=true");
        expected.put("clusterMember.B", "address=10.0.0.2:6900 connections=4 local=false");
        expected.put("clusterMember.C", "address= connections=-1 local=false");
        Map<String, Object> data = new ClusterView(() -> THREE).healthData();
        assertEquals(expected, data);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(data.keySet()), "in this order");
    }

    @Test
    void aGridThatCannotListItsMembersShowsNoneAndTheFailureIsLoggedFinely() {
        try (CapturedLog log = CapturedLog.of(ClusterView.class, Level.FINE)) {
            ClusterView view = new ClusterView(FAILING);
            assertEquals(List.of(), view.members());
            assertEquals(Map.of("clusterMembers", 0L, "clusterConnections", 0L), view.healthData());
            LogRecord record = log.records().get(0);
            assertEquals(Level.FINE, record.getLevel());
            assertEquals("cluster: the grid cannot list its members", record.getMessage());
            assertEquals("Hazelcast instance is not active", record.getThrown().getMessage());
        }
    }

    @Test
    void theClusterBeanListsEachMemberWithItsConnectionsAndTheirSum() {
        ClusterControl control = new ClusterControl(new ClusterView(() -> THREE));
        List<MemberInfo> members = control.getMembers();
        assertEquals(List.of("A", "B", "C"), members.stream().map(MemberInfo::getId).toList());
        assertEquals(List.of("10.0.0.1:6900", "10.0.0.2:6900", ""), members.stream().map(MemberInfo::getAddress)
                .toList());
        assertTrue(members.get(0).isLocal());
        assertFalse(members.get(1).isLocal());
        assertEquals(List.of(3, 4, -1), members.stream().map(MemberInfo::getConnections).toList());
        assertEquals(7, control.getConnections());

        ClusterControl failing = new ClusterControl(new ClusterView(FAILING));
        assertEquals(List.of(), failing.getMembers());
        assertEquals(0, failing.getConnections());
    }
}
